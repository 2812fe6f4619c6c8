from django.db import migrations

from villageweb.cases.holidays import HOLIDAYS_CSV, holiday_rows_read, holidays_load


def load(apps, schema_editor):
    holidays_load(apps.get_model("cases", "Holiday"), holiday_rows_read(HOLIDAYS_CSV))


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
