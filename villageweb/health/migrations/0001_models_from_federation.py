"""VillageActivity and VillageCompleteness move from the federation app to health: the state only
(their tables, rows, constraints and names stay as they are; federation 0009 forgets them)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("tenants", "0001_initial"),
        ("federation", "0008_portal_version_moves_to_freshness"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="VillageActivity",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("last_edit", models.DateTimeField(null=True, verbose_name="suntingan terakhir")),
                        ("last_publish", models.DateTimeField(null=True, verbose_name="terbit terakhir")),
                        ("pages", models.PositiveIntegerField(default=0, verbose_name="halaman")),
                        ("measured_at", models.DateTimeField(verbose_name="diukur pada")),
                        ("village", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="activity", to="tenants.village", verbose_name="desa")),
                    ],
                    options={
                        "verbose_name": "aktivitas situs desa",
                        "verbose_name_plural": "aktivitas situs desa",
                        "db_table": "federation_villageactivity",
                    },
                ),
                migrations.CreateModel(
                    name="VillageCompleteness",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("score", models.PositiveSmallIntegerField(verbose_name="skor kelengkapan")),
                        ("measured_at", models.DateTimeField(verbose_name="diukur pada")),
                        ("village", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="completeness", to="tenants.village", verbose_name="desa")),
                    ],
                    options={
                        "verbose_name": "kelengkapan situs desa",
                        "verbose_name_plural": "kelengkapan situs desa",
                        "db_table": "federation_villagecompleteness",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
