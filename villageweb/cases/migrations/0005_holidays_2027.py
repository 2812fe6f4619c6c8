"""The 2027 days of data/holidays.csv: the fixed-date and Christian holidays, and the lunar and Saka
ones as estimates marked "(perkiraan)" until the 2027 SKB 3 Menteri is loaded (docs/cases.md)."""

from django.db import migrations

from villageweb.cases.holidays import HOLIDAYS_CSV, holiday_rows_read, holidays_load


def load(apps, schema_editor):
    rows = [row for row in holiday_rows_read(HOLIDAYS_CSV) if row[0].year == 2027]
    holidays_load(apps.get_model("cases", "Holiday"), rows)


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_objection_superior")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
