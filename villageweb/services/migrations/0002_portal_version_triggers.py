"""The catalogue raises the portal's content version (the live map: villageweb/freshness/versions.py,
`layanan_catalogueservice`, CONTENT): a service published, edited, withdrawn or found broken is on
/layanan/ and the API on the next request. Frozen here, as the freshness migrations freeze theirs:
the trigger names and the function are those of freshness 0001."""

from django.db import migrations
from django_tenants.utils import get_public_schema_name

TABLE = "layanan_catalogueservice"
FUNCTION = "villageweb_portal_changed"  # raises the portal's content scope
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _trigger(event: str) -> str:
    return f"villageweb_portal_changed_{event.lower()}"


def forwards(apps, schema_editor):
    schema = get_public_schema_name()
    statements = []
    for event in EVENTS:
        rows = "OLD" if event == "DELETE" else "NEW"
        statements.append(f'DROP TRIGGER IF EXISTS {_trigger(event)} ON "{schema}".{TABLE}')
        statements.append(
            f'CREATE TRIGGER {_trigger(event)} AFTER {event} ON "{schema}".{TABLE} '
            f"REFERENCING {rows} TABLE AS changed_rows "
            f'FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".{FUNCTION}()'
        )
    schema_editor.execute(";\n".join(statements))


def backwards(apps, schema_editor):
    schema = get_public_schema_name()
    schema_editor.execute(
        ";\n".join(f'DROP TRIGGER IF EXISTS {_trigger(event)} ON "{schema}".{TABLE}' for event in EVENTS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0001_initial"),
        ("freshness", "0001_portal_versions_are_content_version_scopes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
