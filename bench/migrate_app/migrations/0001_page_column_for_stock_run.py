from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE wagtailcore_page ADD COLUMN bench_stock boolean NOT NULL DEFAULT false",
            "ALTER TABLE wagtailcore_page DROP COLUMN bench_stock",
        )
    ]
