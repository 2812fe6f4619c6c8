"""Two changes to the portal's version triggers (migration 0003):

- Village and domain changes (rename, suspension, a new primary domain, deletion) also raise
  `site_version`: the portal's roster of active villages (villageweb.portal.federation.queries
  .village_roster) is kept under it, as the page frame is. Inserts still bump nothing (the roster
  watches row counts and ids for those), so parallel imports never wait on the version row.
- Both numbers are drawn from a sequence instead of counting up by one. A sequence never hands out
  a number twice, even when the transaction that took it rolls back; a counter went back with the
  rollback, so the next real change could get the same number as the abandoned one, and a process
  that had cached something under that number in between would have kept serving it.
"""

from django.db import migrations
from django_tenants.utils import get_public_schema_name

TABLES = ("tenants_village", "tenants_domain")
EVENTS = ("UPDATE", "DELETE")
CONTENT = "villageweb_portal_changed"  # raises `version`
FRAME = "villageweb_portal_frame_changed"  # raises `version` and `site_version`
SEQUENCE = "federation_portalversion_number"


def _function(schema: str, name: str, columns: dict[str, tuple[str, str | None]]) -> str:
    """`columns`: name -> (value in a new row, new value on update, or None to leave it). As in
    0003: a statement trigger with the changed rows as a transition table, so a statement that
    touches no row bumps nothing."""
    values = ", ".join(first for first, _ in columns.values())
    assignments = ", ".join(f"{column} = {then}" for column, (_, then) in columns.items() if then)
    return f"""CREATE OR REPLACE FUNCTION "{schema}".{name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM changed_rows) THEN
                INSERT INTO "{schema}".federation_portalversion (id, {", ".join(columns)})
                VALUES (1, {values})
                ON CONFLICT (id) DO UPDATE SET {assignments};
            END IF;
            RETURN NULL;
        END $$"""


def _village_triggers_call(schema: str, function: str) -> list[str]:
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
    return statements


def forwards(apps, schema_editor):
    schema = get_public_schema_name()
    drawn = f"nextval('\"{schema}\".{SEQUENCE}')"
    statements = [
        f'CREATE SEQUENCE IF NOT EXISTS "{schema}".{SEQUENCE}',
        f"SELECT setval('\"{schema}\".{SEQUENCE}', (SELECT GREATEST(1, max(version), max(site_version)) "
        f'FROM "{schema}".federation_portalversion))',
        _function(schema, CONTENT, {"version": (drawn, drawn), "site_version": (drawn, None)}),
        _function(schema, FRAME, {"version": (drawn, drawn), "site_version": (drawn, drawn)}),
        *_village_triggers_call(schema, FRAME),
    ]
    schema_editor.execute(";\n".join(statements))


def backwards(apps, schema_editor):
    schema = get_public_schema_name()
    table = f'"{schema}".federation_portalversion'
    counted = {column: ("1", f"{table}.{column} + 1") for column in ("version", "site_version")}
    statements = [
        *_village_triggers_call(schema, CONTENT),
        _function(schema, CONTENT, {"version": counted["version"], "site_version": ("1", None)}),
        _function(schema, FRAME, counted),
        f'DROP SEQUENCE IF EXISTS "{schema}".{SEQUENCE}',
    ]
    schema_editor.execute(";\n".join(statements))


class Migration(migrations.Migration):
    dependencies = [("federation", "0003_portal_site_version")]

    operations = [migrations.RunPython(forwards, backwards)]
