"""The portal's content version and the statement triggers that bump it (see PortalVersion).

Tables whose change can alter a portal news page: the news index, the regency's announcements, the
portal's own Wagtail pages, the regency theme and the portal's branding; villages and domains on
UPDATE and DELETE only (a new village or domain shows no news yet, and a trigger on INSERT would make
parallel imports queue on the version row).
"""

from django.db import migrations, models
from django_tenants.utils import get_public_schema_name

ALL_CHANGES = ("INSERT", "UPDATE", "DELETE")
TRIGGERS = [
    ("federation_federatednewsitem", ALL_CHANGES),
    ("federation_regencyannouncement", ALL_CHANGES),
    ("wagtailcore_page", ALL_CHANGES),
    ("themes_regency_regencytheme", ALL_CHANGES),
    ("themes_villagebranding", ALL_CHANGES),
    ("tenants_village", ("UPDATE", "DELETE")),
    ("tenants_domain", ("UPDATE", "DELETE")),
]
FUNCTION = "villageweb_portal_changed"


def _sql(schema: str) -> tuple[str, str]:
    # One statement trigger per event, each with its rows as a transition table: a statement that
    # touches no row (django-tenants' "other domains are not primary" UPDATE on every new domain)
    # bumps nothing, so parallel imports never wait on the version row.
    create = [
        f"""CREATE FUNCTION "{schema}".{FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM changed_rows) THEN
                INSERT INTO "{schema}".federation_portalversion (id, version) VALUES (1, 1)
                ON CONFLICT (id) DO UPDATE SET version = "{schema}".federation_portalversion.version + 1;
            END IF;
            RETURN NULL;
        END $$"""
    ]
    drop = []
    for table, events in TRIGGERS:
        for event in events:
            name = f"{FUNCTION}_{event.lower()}"
            rows = "OLD" if event == "DELETE" else "NEW"
            create.append(
                f'CREATE TRIGGER {name} AFTER {event} ON "{schema}".{table} '
                f"REFERENCING {rows} TABLE AS changed_rows "
                f'FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".{FUNCTION}()'
            )
            drop.append(f'DROP TRIGGER IF EXISTS {name} ON "{schema}".{table}')
    drop.append(f'DROP FUNCTION IF EXISTS "{schema}".{FUNCTION}()')
    return ";\n".join(create), ";\n".join(drop)


def triggers_create(apps, schema_editor):
    schema_editor.execute(_sql(get_public_schema_name())[0])


def triggers_drop(apps, schema_editor):
    schema_editor.execute(_sql(get_public_schema_name())[1])


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0001_news_index_and_announcements"),
        ("tenants", "0001_initial"),
        ("themes_regency", "0001_regency_theme"),
        ("themes", "0001_village_branding"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="PortalVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "versi isi portal"},
        ),
        migrations.RunPython(triggers_create, triggers_drop),
    ]
