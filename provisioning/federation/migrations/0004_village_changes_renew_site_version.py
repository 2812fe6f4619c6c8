"""Village and domain changes (rename, suspension, a new primary domain, deletion) also raise
`site_version`: the portal's roster of active villages (provisioning.federation.queries
.village_roster) is cached under it, as the page frame is. Inserts still bump nothing (the roster
counts rows for those), so parallel imports never wait on the version row.
"""

from django.db import migrations
from django_tenants.utils import get_public_schema_name

TABLES = ("tenants_village", "tenants_domain")
EVENTS = ("UPDATE", "DELETE")
CONTENT = "villageweb_portal_changed"  # raises `version`  (migration 0003)
FRAME = "villageweb_portal_frame_changed"  # raises `version` and `site_version`  (migration 0003)


def _triggers_use(function: str):
    def forwards(apps, schema_editor):
        schema = get_public_schema_name()
        statements = []
        for table in TABLES:
            for event in EVENTS:
                trigger = f"{CONTENT}_{event.lower()}"
                rows = "OLD" if event == "DELETE" else "NEW"
                statements += [
                    f'DROP TRIGGER IF EXISTS {trigger} ON "{schema}".{table}',
                    f'CREATE TRIGGER {trigger} AFTER {event} ON "{schema}".{table} '
                    f"REFERENCING {rows} TABLE AS changed_rows "
                    f'FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".{function}()',
                ]
        schema_editor.execute(";\n".join(statements))

    return forwards


class Migration(migrations.Migration):
    dependencies = [("federation", "0003_portal_site_version")]

    operations = [migrations.RunPython(_triggers_use(FRAME), _triggers_use(CONTENT))]
