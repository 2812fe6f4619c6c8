"""A second number on PortalVersion, `site_version`, for what every portal page draws around its
content (menu, breadcrumbs, branding, theme, regency announcements).

`version` still changes with anything a portal news page shows; `site_version` changes only with
the portal's pages, their view restrictions, its site and images, branding, theme and
announcements, so a village publishing news (which happens all day) leaves the cached page frame
warm. Also starts counting view restrictions, sites and images, which 0002 missed (a portal page
made private must not stay cached).
"""

from django.db import migrations, models
from django_tenants.utils import get_public_schema_name

ALL_CHANGES = ("INSERT", "UPDATE", "DELETE")
# (table, events, also changes the page frame)
TRIGGERS = [
    ("federation_federatednewsitem", ALL_CHANGES, False),
    ("tenants_village", ("UPDATE", "DELETE"), False),
    ("tenants_domain", ("UPDATE", "DELETE"), False),
    ("federation_regencyannouncement", ALL_CHANGES, True),
    ("wagtailcore_page", ALL_CHANGES, True),
    ("wagtailcore_pageviewrestriction", ALL_CHANGES, True),
    ("wagtailcore_site", ALL_CHANGES, True),
    ("wagtailimages_image", ALL_CHANGES, True),
    ("themes_regency_regencytheme", ALL_CHANGES, True),
    ("themes_villagebranding", ALL_CHANGES, True),
]
OLD_TRIGGERS = [
    ("federation_federatednewsitem", ALL_CHANGES),
    ("federation_regencyannouncement", ALL_CHANGES),
    ("wagtailcore_page", ALL_CHANGES),
    ("themes_regency_regencytheme", ALL_CHANGES),
    ("themes_villagebranding", ALL_CHANGES),
    ("tenants_village", ("UPDATE", "DELETE")),
    ("tenants_domain", ("UPDATE", "DELETE")),
]
CONTENT = "villageweb_portal_changed"
FRAME = "villageweb_portal_frame_changed"


def _function(schema: str, name: str, assignments: str, *, columns=("version", "site_version")) -> str:
    # Statement triggers with the changed rows as a transition table: a statement that touches no
    # row bumps nothing, so parallel imports never wait on the version row.
    return f"""CREATE OR REPLACE FUNCTION "{schema}".{name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM changed_rows) THEN
                INSERT INTO "{schema}".federation_portalversion (id, {", ".join(columns)})
                VALUES (1, {", ".join("1" for _ in columns)})
                ON CONFLICT (id) DO UPDATE SET {assignments};
            END IF;
            RETURN NULL;
        END $$"""


def _trigger_name(event: str) -> str:
    return f"{CONTENT}_{event.lower()}"


def _drop(schema: str, triggers) -> list[str]:
    return [
        f'DROP TRIGGER IF EXISTS {_trigger_name(event)} ON "{schema}".{table}'
        for table, events, *_ in triggers
        for event in events
    ]


def _create(schema: str, triggers, *, frame_function: bool) -> list[str]:
    statements = []
    for table, events, *frame in triggers:
        function = FRAME if frame_function and frame[0] else CONTENT
        for event in events:
            rows = "OLD" if event == "DELETE" else "NEW"
            statements.append(
                f'CREATE TRIGGER {_trigger_name(event)} AFTER {event} ON "{schema}".{table} '
                f"REFERENCING {rows} TABLE AS changed_rows "
                f'FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".{function}()'
            )
    return statements


def triggers_split(apps, schema_editor):
    schema = get_public_schema_name()
    version = f'version = "{schema}".federation_portalversion.version + 1'
    site_version = f'site_version = "{schema}".federation_portalversion.site_version + 1'
    statements = _drop(schema, OLD_TRIGGERS) + [
        _function(schema, CONTENT, version),
        _function(schema, FRAME, f"{version}, {site_version}"),
    ]
    schema_editor.execute(";\n".join(statements + _create(schema, TRIGGERS, frame_function=True)))


def triggers_join(apps, schema_editor):
    schema = get_public_schema_name()
    version = f'version = "{schema}".federation_portalversion.version + 1'
    statements = _drop(schema, TRIGGERS) + [
        f'DROP FUNCTION IF EXISTS "{schema}".{FRAME}()',
        _function(schema, CONTENT, version, columns=("version",)),
    ]
    statements += _create(schema, OLD_TRIGGERS, frame_function=False)
    schema_editor.execute(";\n".join(statements))


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0002_portal_version"),
        ("wagtailimages", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="portalversion",
            name="site_version",
            field=models.BigIntegerField(default=0),
        ),
        migrations.RunPython(triggers_split, triggers_join),
    ]
