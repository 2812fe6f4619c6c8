"""One version mechanism: the portal's two numbers become two scopes of tenants.ContentVersion
("portal", "portal-site"), drawn from its sequence, instead of a row of their own
(federation.PortalVersion, removed by federation 0008).

The triggers stay as federation 0005 made them (same tables, names and functions); only the two
functions are replaced, to write the scopes. From here on the triggers belong to this app: a change
to the live map (villageweb/freshness/versions.py) needs a migration here with its own frozen copy,
and check freshness.E001 fails until the database's triggers match the map.

The sequence is first moved past every portal number handed out so far, so no number a cache may
still hold an entry under is ever handed out again."""

import importlib

from django.db import migrations
from django_tenants.utils import get_public_schema_name

BEFORE = importlib.import_module("villageweb.portal.federation.migrations.0005_triggers_from_one_map")
SEQUENCE = "tenants_contentversion_number"
SCOPES = {"content": ("portal",), "site": ("portal", "portal-site")}


def _function_sql(schema: str, version: str) -> str:
    drawn = f"nextval('\"{schema}\".{SEQUENCE}')"
    values = ", ".join(f"('{scope}', {drawn})" for scope in SCOPES[version])
    return f"""CREATE OR REPLACE FUNCTION "{schema}".{BEFORE.FUNCTIONS[version]}() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM changed_rows) THEN
                INSERT INTO "{schema}".tenants_contentversion (scope, number) VALUES {values}
                ON CONFLICT (scope) DO UPDATE SET number = EXCLUDED.number;
            END IF;
            RETURN NULL;
        END $$"""


def forwards(apps, schema_editor):
    schema = get_public_schema_name()
    schema_editor.execute(
        f"""SELECT setval('"{schema}".{SEQUENCE}', greatest(
            (SELECT last_value FROM "{schema}".{SEQUENCE}),
            (SELECT coalesce(max(greatest(version, site_version)), 0) FROM "{schema}".federation_portalversion)
        ) + 1)"""
    )
    schema_editor.execute(
        f'INSERT INTO "{schema}".tenants_contentversion (scope, number) '
        f"VALUES ('portal', nextval('\"{schema}\".{SEQUENCE}')), "
        f"('portal-site', nextval('\"{schema}\".{SEQUENCE}')) "
        "ON CONFLICT (scope) DO UPDATE SET number = EXCLUDED.number"
    )
    schema_editor.execute(";\n".join(_function_sql(schema, version) for version in SCOPES))


def backwards(apps, schema_editor):
    schema = get_public_schema_name()
    schema_editor.execute(";\n".join(BEFORE.triggers_sql(schema, BEFORE.WATCHED_TABLES)))
    schema_editor.execute(
        f"DELETE FROM \"{schema}\".tenants_contentversion WHERE scope IN ('portal', 'portal-site')"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0003_content_version"),
        ("federation", "0007_village_activity"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
