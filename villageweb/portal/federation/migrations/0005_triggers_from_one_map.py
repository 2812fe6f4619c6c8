"""The portal's version triggers, recreated from one map (villageweb.portal.federation.versions)
instead of being assembled by hand in 0002-0004. The triggers it makes are the ones 0004 left;
plus the portal pages' own tables, which no trigger watched (found by
tests/federation/test_portal_versions.py). A later change to the map needs a migration that runs
`triggers_sql` again."""

from django.db import migrations
from django_tenants.utils import get_public_schema_name

from villageweb.portal.federation.versions import (
    ALL_CHANGES,
    CONTENT,
    SITE,
    UPDATES_AND_DELETES,
    WATCHED_TABLES,
    Watched,
    triggers_drop_sql,
    triggers_sql,
)

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
        # The map names the catalogue's table too (#29): it must exist before its triggers are made.
        ("layanan", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
