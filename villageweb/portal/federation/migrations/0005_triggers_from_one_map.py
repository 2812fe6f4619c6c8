"""The portal's version triggers, recreated from one map (then villageweb/portal/federation/versions.py, frozen below)
instead of being assembled by hand in 0002-0004. The triggers it makes are the ones 0004 left;
plus the portal pages' own tables, which no trigger watched (found by
tests/federation/test_portal_versions.py). A later change to the map needs a migration that runs
`triggers_sql` again."""

from dataclasses import dataclass

from django.db import migrations
from django_tenants.utils import get_public_schema_name

# The map and its SQL as they stood when this migration was written (frozen: a migration must not
# change with the live map, villageweb/freshness/versions.py, which later migrations follow).
CONTENT = "content"
SITE = "site"
ALL_CHANGES = ("INSERT", "UPDATE", "DELETE")
UPDATES_AND_DELETES = ("UPDATE", "DELETE")
FUNCTIONS = {CONTENT: "villageweb_portal_changed", SITE: "villageweb_portal_frame_changed"}
SEQUENCE = "federation_portalversion_number"
TRIGGER_PREFIX = "villageweb_portal_changed_"


@dataclass(frozen=True)
class Watched:
    table: str
    version: str
    events: tuple[str, ...] = ALL_CHANGES


WATCHED_TABLES = (
    Watched("federation_federatednewsitem", CONTENT),
    Watched("tenants_village", SITE, UPDATES_AND_DELETES),
    Watched("tenants_domain", SITE, UPDATES_AND_DELETES),
    Watched("federation_regencyannouncement", SITE),
    Watched("wagtailcore_page", SITE),
    Watched("portal_portalhomepage", SITE),
    Watched("portal_villagenewsindexpage", SITE),
    Watched("portal_villagedirectorypage", SITE),
    Watched("wagtailcore_pageviewrestriction", SITE),
    Watched("wagtailcore_site", SITE),
    Watched("wagtailimages_image", SITE),
    Watched("themes_regency_regencytheme", SITE),
    Watched("themes_villagebranding", SITE),
)


def trigger_name(event: str) -> str:
    return f"{TRIGGER_PREFIX}{event.lower()}"


def _function_sql(schema: str, version: str) -> str:
    drawn = f"nextval('\"{schema}\".{SEQUENCE}')"
    assignments = f"version = {drawn}" + (f", site_version = {drawn}" if version == SITE else "")
    return f"""CREATE OR REPLACE FUNCTION "{schema}".{FUNCTIONS[version]}() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM changed_rows) THEN
                INSERT INTO "{schema}".federation_portalversion (id, version, site_version)
                VALUES (1, {drawn}, {drawn})
                ON CONFLICT (id) DO UPDATE SET {assignments};
            END IF;
            RETURN NULL;
        END $$"""


def triggers_drop_sql(schema: str, tables) -> list[str]:
    names = [getattr(table, "table", table) for table in tables]
    return [
        f'DROP TRIGGER IF EXISTS {trigger_name(event)} ON "{schema}".{table}'
        for table in names
        for event in ALL_CHANGES
    ]


def triggers_sql(schema: str, watched) -> list[str]:
    statements = [f'CREATE SEQUENCE IF NOT EXISTS "{schema}".{SEQUENCE}']
    statements += [_function_sql(schema, version) for version in FUNCTIONS]
    statements += triggers_drop_sql(schema, watched)
    for entry in watched:
        for event in entry.events:
            rows = "OLD" if event == "DELETE" else "NEW"
            statements.append(
                f'CREATE TRIGGER {trigger_name(event)} AFTER {event} ON "{schema}".{entry.table} '
                f"REFERENCING {rows} TABLE AS changed_rows "
                f'FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".{FUNCTIONS[entry.version]}()'
            )
    return statements


# What 0004 left, kept here so that going back restores exactly that.
AFTER_0004 = (
    Watched("federation_federatednewsitem", CONTENT, ALL_CHANGES),
    Watched("tenants_village", SITE, UPDATES_AND_DELETES),
    Watched("tenants_domain", SITE, UPDATES_AND_DELETES),
    Watched("federation_regencyannouncement", SITE, ALL_CHANGES),
    Watched("wagtailcore_page", SITE, ALL_CHANGES),
    Watched("wagtailcore_pageviewrestriction", SITE, ALL_CHANGES),
    Watched("wagtailcore_site", SITE, ALL_CHANGES),
    Watched("wagtailimages_image", SITE, ALL_CHANGES),
    Watched("themes_regency_regencytheme", SITE, ALL_CHANGES),
    Watched("themes_villagebranding", SITE, ALL_CHANGES),
)


def forwards(apps, schema_editor):
    schema = get_public_schema_name()
    statements = triggers_drop_sql(schema, AFTER_0004) + triggers_sql(schema, WATCHED_TABLES)
    schema_editor.execute(";\n".join(statements))


def backwards(apps, schema_editor):
    schema = get_public_schema_name()
    statements = triggers_drop_sql(schema, WATCHED_TABLES) + triggers_sql(schema, AFTER_0004)
    schema_editor.execute(";\n".join(statements))


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0004_village_changes_renew_site_version"),
        ("portal", "0002_federation_pages"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
