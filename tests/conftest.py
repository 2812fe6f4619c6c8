"""Test fixtures: one migrated template per test database, cloned (never migrated) per village.

The session builds the platform once: shared schema, portal, and the template schema. A test that
needs villages provisions them by cloning inside its own transaction, so the rollback removes them,
schemas included (PostgreSQL DDL is transactional).
"""

import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client

from provisioning.services import platform_init
from tenants.models import Village

from .factories import make_village, schema_shape


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    with django_db_blocker.unblock():
        platform_init(migrate=False)
        connection.set_schema_to_public()
    yield


@pytest.fixture(scope="session")
def migrated_reference_shape(django_db_setup, django_db_blocker) -> dict:
    """The shape (tests.factories.schema_shape) of a schema built the slow way: CREATE SCHEMA and every
    migration, as django-tenants does without a base schema. Migrations need real commits and cost
    tens of seconds, so this is built once per session (per xdist worker), read, and dropped at once:
    the tests that compare a clone with it only need its shape."""
    from django.test import override_settings

    with django_db_blocker.unblock():
        name = f"reference_migrated_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        Village.objects.filter(schema_name=name).delete()
        reference = Village(schema_name=name, name="Referensi migrasi", kind=Village.Kind.TEMPLATE)
        try:
            with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False, TENANT_BASE_SCHEMA=None):
                reference.save(verbosity=0)
            connection.set_schema_to_public()
            return schema_shape(name)
        finally:
            connection.set_schema_to_public()
            with connection.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
            Village.objects.filter(schema_name=name).delete()


@pytest.fixture(autouse=True)
def _fresh_state():
    """Every test starts on the public schema with empty caches (cache keys outlive rollbacks)."""
    from villageweb.portal.federation.queries import village_roster_forget

    for alias in settings.CACHES:
        caches[alias].clear()
    village_roster_forget()
    yield
    connection.set_schema_to_public()
    for alias in settings.CACHES:
        caches[alias].clear()
    village_roster_forget()


def _wagtail_roots_ensure():
    """A transactional test's flush also empties the rows Wagtail's migrations made in the public
    schema (locale, root page, root collection); put them back so platform_init finds them."""
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def platform(db):
    """The portal and template rows (a transactional test's flush removes them; this restores)."""
    _wagtail_roots_ensure()
    platform_init(migrate=False)
    connection.set_schema_to_public()


@pytest.fixture
def village_factory(platform):
    return make_village


@pytest.fixture
def transactional_village_factory(transactional_db):
    """Villages whose writes really commit (for publish hooks); their schemas are dropped after."""
    _wagtail_roots_ensure()
    platform_init(migrate=False)
    connection.set_schema_to_public()
    created = []

    def factory(*args, **kwargs):
        result = make_village(*args, **kwargs)
        created.append(result.schema)
        return result

    yield factory
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        for schema in created:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    Village.objects.filter(schema_name__in=created).delete()


def host_client(host: str, **kwargs) -> Client:
    """A test client whose requests go to `host`, as a browser on that subdomain would."""
    return Client(HTTP_HOST=host, **kwargs)


@pytest.fixture
def client_for():
    return host_client
