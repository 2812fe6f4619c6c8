"""Test fixtures: one migrated template per test database, cloned (never migrated) per village.

The session builds the platform once: shared schema, portal, and the template schema. A test that
needs villages provisions them by cloning inside its own transaction, so the rollback removes them,
schemas included (PostgreSQL DDL is transactional).
"""

import shutil

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.test import Client

from provisioning import schema_clone
from provisioning.services import platform_init
from tenants.models import Village

from .factories import database_url, make_village, schema_shape, server_statement

_migrated_shapes: dict[str, dict] = {}
# The session's django_db_blocker, for the teardown hook (hooks cannot request fixtures).
_db_blocker: list = []

# Committed spare schemas kept in each test database (provisioning/schema_clone.py): a test's village
# takes one by renaming it inside the test's transaction, and the rollback gives it back, so most
# tests provision in milliseconds instead of replaying the template's ~560 relations (0.5-1 s). A
# test that commits (transactional) keeps what it took; `pytest_runtest_teardown` replaces it after
# the test.
TEST_SPARES = 6


def _sessions_end() -> None:
    """Close every session on this worker's test database: this thread's through Django (it opens
    a new one when next needed), and the ones earlier tests left in threads that are gone (a job
    worker's pool threads keep theirs for CONN_MAX_AGE). Every xdist worker has a database of its
    own, so no other worker's session is cut."""
    connections.close_all()
    server_statement(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        f" WHERE datname = '{connection.settings_dict['NAME']}' AND pid <> pg_backend_pid()"
    )


def _template_shape_keep(sender, tenant, **kwargs):
    """post_schema_sync: the template has just been made by CREATE SCHEMA and every migration (it has
    no base schema to be cloned from) and nothing has been built into it yet; keep its shape."""
    if tenant.schema_name == settings.TENANT_BASE_SCHEMA:
        _migrated_shapes[tenant.schema_name] = schema_shape(tenant.schema_name)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django_tenants.signals import post_schema_sync

    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    _db_blocker.append(django_db_blocker)
    with django_db_blocker.unblock():
        post_schema_sync.connect(_template_shape_keep)
        try:
            platform_init(migrate=False)
        finally:
            post_schema_sync.disconnect(_template_shape_keep)
        connection.set_schema_to_public()
        schema_clone.spares_refill(size=TEST_SPARES)
    yield
    # pytest-django drops the test database next, which fails while a session is open on it.
    _sessions_end()


@pytest.fixture(scope="session")
def migrated_reference_shape(django_db_setup) -> dict:
    """The shape (tests.factories.schema_shape) of a schema built the slow way: CREATE SCHEMA and every
    migration, as django-tenants does without a base schema. The session builds the template exactly
    so (django_db_setup), and its shape is read at that moment, before the template builders fill it:
    a second migrated schema would cost tens of seconds per xdist worker for the same shape."""
    shape = _migrated_shapes.get(settings.TENANT_BASE_SCHEMA)
    assert shape is not None, "the template was not migrated in this session (was it already there?)"
    assert len(shape["relations"]) > 100 and len(shape["migrations"]) > 100
    return shape


def pytest_collection_modifyitems(items):
    """The heavy tests (the 328-village import alone takes about 4 minutes) start first, each on the
    first free xdist worker, so that none of them begins near the end while the other worker idles.
    bin/test hands each worker at most two tests at a time (--maxschedchunk 2), so the tests queued
    behind a heavy one go to the other worker instead of waiting for it."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


def _commits(item) -> bool:
    """Whether a test's writes commit, so that its end flushes the public tables: it uses
    transactional_db or live_server, or is marked django_db(transaction=True)."""
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
        or (marker is not None and marker.kwargs.get("transaction", False))
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that committed, and after its flush (the last step of its teardown, whichever
    fixture or marker asked for it), put back what the session committed at its start: the
    platform's rows and the pool of spares (its villages may have used some), so the next tests find
    both without paying for them."""
    yield
    # After the session's last test its fixtures are gone (the test database too): nothing to restore.
    if _commits(item) and _db_blocker and nextitem is not None:
        with _db_blocker[0].unblock():
            connection.set_schema_to_public()
            platform_ensure()
            schema_clone.spares_refill(size=TEST_SPARES)


@pytest.fixture
def no_spares(request):
    """No spare schema for this test, for tests of the pool itself and of the path a village takes
    without one. The pool is renamed out of sight and back after the test (a rename takes one lock;
    dropping the pool in one transaction would take thousands)."""
    request.getfixturevalue("transactional_db" if _commits(request.node) else "db")
    hidden = {name: f"hidden_{name}" for name in schema_clone.spares_list()}
    with connection.cursor() as cursor:
        for name, out_of_sight in hidden.items():
            cursor.execute(f'ALTER SCHEMA "{name}" RENAME TO "{out_of_sight}"')
    yield
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        for name, out_of_sight in hidden.items():
            cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [out_of_sight])
            if cursor.fetchone():
                cursor.execute(f'ALTER SCHEMA "{out_of_sight}" RENAME TO "{name}"')


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


def platform_setup() -> None:
    """The portal and template rows (a transactional test's flush removes them; this restores)."""
    _wagtail_roots_ensure()
    platform_init(migrate=False)
    connection.set_schema_to_public()


def platform_ensure() -> None:
    """platform_setup unless the rows the session committed are all there (platform_init costs
    about 0.3 s, and the session's rows are gone only after a transactional test's flush, which
    `pytest_runtest_teardown` repairs at once)."""
    from django_tenants.utils import get_public_schema_name
    from wagtail.models import Site

    from tenants.models import Domain
    from villageweb.portal.models import PortalHomePage

    if (
        Domain.objects.filter(
            tenant__schema_name=get_public_schema_name(), domain=settings.VILLAGEWEB_BASE_DOMAIN
        ).exists()
        and Village.objects.filter(schema_name=settings.TENANT_BASE_SCHEMA).exists()
        and PortalHomePage.objects.live().exists()
        and Site.objects.filter(is_default_site=True).exists()
    ):
        return
    platform_setup()


@pytest.fixture
def platform(db):
    """The portal and template rows, as platform_init leaves them."""
    platform_ensure()


@pytest.fixture
def village_factory(platform):
    return make_village


@pytest.fixture
def transactional_village_factory(transactional_db):
    """Villages whose writes really commit (for publish hooks); their schemas are dropped after."""
    platform_ensure()
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


@pytest.fixture
def database_copy(django_db_setup):
    """The URL of a database of the test's own: a copy of this worker's test database as it is
    committed now (the platform set up), dropped whole after the test. For a test that runs the
    platform's commands as processes and commits much: dropping a database is one step, dropping
    hundreds of village schemas one by one takes a minute."""
    name = f"{connection.settings_dict['NAME']}_copy"
    server_statement(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    # A database is copied only while nobody is connected to it.
    _sessions_end()
    server_statement(
        f'CREATE DATABASE "{name}" TEMPLATE "{connection.settings_dict["NAME"]}" STRATEGY FILE_COPY'
    )
    yield database_url(name)
    server_statement(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def host_client(host: str, **kwargs) -> Client:
    """A test client whose requests go to `host`, as a browser on that subdomain would."""
    return Client(HTTP_HOST=host, **kwargs)


@pytest.fixture
def client_for():
    return host_client
