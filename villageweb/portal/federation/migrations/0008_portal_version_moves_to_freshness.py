"""The portal's versions are two scopes of tenants.ContentVersion now (freshness 0001, which this
follows, has moved the triggers over): its own row, table and sequence go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0007_village_activity"),
        ("freshness", "0001_portal_versions_are_content_version_scopes"),
    ]

    operations = [
        migrations.DeleteModel(name="PortalVersion"),
        migrations.RunSQL(
            "DROP SEQUENCE IF EXISTS federation_portalversion_number",
            "CREATE SEQUENCE IF NOT EXISTS federation_portalversion_number",
        ),
    ]
