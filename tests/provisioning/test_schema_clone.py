"""A village cloned from the template has exactly the schema that running every migration gives."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_tenants.utils import schema_context
from wagtail.models import Page

from provisioning.schema_signature import schema_signature, sequences_behind_data
from tenants.models import Village
from villageweb.news.models import NewsIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def migrated_schema(transactional_db):
    """A scratch tenant created the slow way: CREATE SCHEMA and every migration (which cannot run
    inside a test transaction, so this one commits and drops its schema afterwards)."""
    with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False, TENANT_BASE_SCHEMA=None):
        scratch = Village(schema_name="scratch_migrated", name="Migrasi penuh", kind=Village.Kind.TEMPLATE)
        scratch.save(verbosity=0)
    connection.set_schema_to_public()
    yield scratch.schema_name
    connection.set_schema_to_public()
    scratch.delete(force_drop=True)


def test_cloned_schema_equals_a_migrated_one(transactional_village_factory, migrated_schema):
    village = transactional_village_factory("Jlodro")
    cloned = schema_signature(village.schema)
    migrated = schema_signature(migrated_schema)
    for part in ("columns", "indexes", "constraints", "sequences", "migrations"):
        assert cloned[part] == migrated[part], f"{part} differ"
    assert len(cloned["migrations"]) > 100


def test_cloned_schema_ids_continue_after_the_template_rows(village_factory):
    village = village_factory("Jlodro")
    assert sequences_behind_data(village.schema) == []
    with schema_context(village.schema):
        home = Page.objects.get(depth=2)
        existing = set(Page.objects.values_list("pk", flat=True))
        child = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita-baru"))
        assert child.pk not in existing


def test_template_is_kept_by_migrate_schemas(platform):
    """The template tenant has no domain, but migrate_schemas still visits it (it is a tenant row)."""
    template = Village.objects.get(kind=Village.Kind.TEMPLATE)
    assert not template.domains.exists()
    call_command("migrate_schemas", schema_name=template.schema_name, interactive=False, verbosity=0)
