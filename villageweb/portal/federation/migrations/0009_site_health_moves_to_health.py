"""VillageActivity and VillageCompleteness belong to the health app now (health 0001): forget them
here, state only (the tables stay and are health's)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0008_portal_version_moves_to_freshness"),
        ("health", "0001_models_from_federation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="VillageActivity"),
                migrations.DeleteModel(name="VillageCompleteness"),
            ],
            database_operations=[],
        ),
    ]
