"""The catalogue raises the portal's content version (villageweb.portal.federation.versions):
a service published, edited, withdrawn or found broken is on /layanan/ and the API at once."""

from django.db import migrations
from django_tenants.utils import get_public_schema_name

from villageweb.portal.federation.versions import triggers_drop_sql, triggers_sql, watched_table

TABLE = "layanan_catalogueservice"


def forwards(apps, schema_editor):
    schema = get_public_schema_name()
    schema_editor.execute(";\n".join(triggers_sql(schema, (watched_table(TABLE),))))


def backwards(apps, schema_editor):
    schema_editor.execute(";\n".join(triggers_drop_sql(get_public_schema_name(), [TABLE])))


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0001_initial"),
        ("federation", "0007_village_activity"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
