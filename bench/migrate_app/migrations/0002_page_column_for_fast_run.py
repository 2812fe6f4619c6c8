from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("migrate_bench", "0001_page_column_for_stock_run")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE wagtailcore_page ADD COLUMN bench_fast boolean NOT NULL DEFAULT false",
            "ALTER TABLE wagtailcore_page DROP COLUMN bench_fast",
        )
    ]
