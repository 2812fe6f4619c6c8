"""Every public table the portal's pages read is watched by a version trigger (or named as read
without one, with the reason), and the database's triggers are exactly the map's: a model shown
on the portal without an entry would be served stale from the cache."""

import importlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import get_public_schema_name

from villageweb.portal.federation.versions import (
    FUNCTIONS,
    TRIGGER_PREFIX,
    UNVERSIONED_TABLES,
    WATCHED_TABLES,
    trigger_name,
    watched_table,
)

from ..factories import in_village, make_news_page

pytestmark = pytest.mark.django_db

PORTAL_PATHS = [
    "/",
    "/berita-desa/",
    "/berita-desa/?kecamatan=35.23.03&q=panen",
    "/berita-desa/kecamatan/kenduruan/",
    "/desa/",
    "/api/v1/berita-desa/",
    "/berita-desa/feed/",
    "/berita-desa/kecamatan/kenduruan/feed/",
]


def _public_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            [get_public_schema_name()],
        )
        return {name for (name,) in cursor.fetchall()}


def _tables_read(queries, public_tables: set[str]) -> set[str]:
    quoted = set()
    for query in queries:
        if query["sql"].lstrip().upper().startswith("SELECT"):
            quoted.update(re.findall(r'"([a-z0-9_]+)"', query["sql"]))
    return quoted & public_tables


def test_every_table_the_portal_pages_read_bumps_a_version(village_factory, client_for, settings):
    settings.VILLAGEWEB_PORTAL_CACHED_PATHS = []  # render every time: only the frame is cached
    jlodro = village_factory("Jlodro", code="35.23.03.2001", district_name="Kenduruan")
    with in_village(jlodro):
        make_news_page("Panen raya jagung")
    client = client_for("localhost")
    client.get("/")  # the first request on a new portal creates its branding row
    public_tables = _public_tables()
    read = set()
    for path in PORTAL_PATHS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        read |= _tables_read(queries, public_tables)
    assert {"federation_federatednewsitem", "wagtailcore_page", "tenants_village"} <= read  # it can see
    missing = sorted(table for table in read if not watched_table(table) and table not in UNVERSIONED_TABLES)
    assert missing == [], f"portal pages read {missing}: add them to versions.WATCHED_TABLES"


def _triggers_in_database() -> set[tuple[str, str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname, p.proname FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_proc p ON p.oid = t.tgfoid WHERE n.nspname = %s AND t.tgname LIKE %s",
            [get_public_schema_name(), TRIGGER_PREFIX + "%"],
        )
        return set(cursor.fetchall())


def _expected(watched) -> set[tuple[str, str, str]]:
    return {
        (entry.table, trigger_name(event), FUNCTIONS[entry.version])
        for entry in watched
        for event in entry.events
    }


def test_the_database_triggers_are_the_maps(db):
    assert _triggers_in_database() == _expected(WATCHED_TABLES)


def test_migration_0005_goes_back_to_what_0004_left_and_forward_again(db):
    """Run 0005's backwards and forwards functions (inside the test's transaction, rolled back after)."""
    migration = importlib.import_module("villageweb.portal.federation.migrations.0005_triggers_from_one_map")
    with connection.schema_editor(atomic=False) as editor:
        migration.backwards(None, editor)
    assert _triggers_in_database() == _expected(migration.AFTER_0004)
    with connection.schema_editor(atomic=False) as editor:
        migration.forwards(None, editor)
    assert _triggers_in_database() == _expected(WATCHED_TABLES)
