"""A village cloned from the template has exactly the schema that running every migration gives."""

import pytest
from django.core.management import call_command
from django.db import connection
from django_tenants.utils import schema_context
from wagtail.models import Page

from tenants.models import Village
from villageweb.news.models import NewsIndexPage

from ..factories import schema_shape, sequences_continue

pytestmark = pytest.mark.django_db

TEMPLATE = "village_template"


def test_cloned_schema_equals_a_migrated_one(village_factory, migrated_reference_shape):
    village = village_factory("Jlodro")
    cloned = schema_shape(village.schema)
    assert len(cloned["relations"]) > 100 and len(cloned["migrations"]) > 100
    for part, migrated in migrated_reference_shape.items():
        assert cloned[part] == migrated, f"{part} differ"
    assert schema_shape(TEMPLATE) == cloned


def test_cloned_schema_ids_continue_after_the_template_rows(village_factory):
    village = village_factory("Jlodro")
    assert sequences_continue(village.schema) >= 5
    with schema_context(village.schema):
        home = Page.objects.get(depth=2)
        existing = set(Page.objects.values_list("pk", flat=True))
        child = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita-baru"))
        assert child.pk not in existing


def test_template_is_kept_by_migrate_schemas(platform):
    """The template tenant has no domain, but migrate_schemas still migrates it (it is a tenant row):
    a migration missing from the template is applied by a plain `migrate_schemas --tenant`."""
    template = Village.objects.get(kind=Village.Kind.TEMPLATE)
    assert not template.domains.exists()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM \"{TEMPLATE}\".django_migrations WHERE app = 'support'")
        cursor.execute(f'DROP TABLE "{TEMPLATE}".support_supportaccesslog')
    call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM \"{TEMPLATE}\".django_migrations WHERE app = 'support'")
        assert cursor.fetchone()[0] >= 1
        cursor.execute("SELECT to_regclass(%s)", [f"{TEMPLATE}.support_supportaccesslog"])
        assert cursor.fetchone()[0] is not None
