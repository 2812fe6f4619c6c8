"""Every public table the portal's pages read is watched by a version trigger (or named as read
without one, with the reason), and the database's triggers are exactly the map's
(villageweb/freshness/versions.py; check freshness.E001): a model shown on the portal without an
entry would be served stale from the cache."""

import importlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import get_public_schema_name

from tenants.models import Village
from villageweb.freshness import versions
from villageweb.freshness.checks import version_triggers_check
from villageweb.freshness.portal_cache import portal_versions
from villageweb.freshness.versions import (
    SITE,
    UNVERSIONED_TABLES,
    Watched,
    triggers_expected,
    triggers_in_database,
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


def test_the_database_triggers_are_the_maps(db):
    """The triggers come from frozen migrations, so a map changed without one differs here."""
    assert triggers_in_database() == triggers_expected()
    assert (
        "federation_federatednewsitem",
        "villageweb_portal_changed_insert",
        "villageweb_portal_changed",
    ) in (triggers_in_database())


def test_the_start_up_check_fails_when_map_and_database_differ(db, monkeypatch):
    assert version_triggers_check(None, databases=["default"]) == []
    with connection.cursor() as cursor:  # inside the test's transaction, rolled back after
        cursor.execute(
            'DROP TRIGGER villageweb_portal_changed_delete ON "public".federation_regencyannouncement'
        )
    errors = version_triggers_check(None, databases=["default"])
    assert [error.id for error in errors] == ["freshness.E001"]
    assert "federation_regencyannouncement" in errors[0].msg and "not in the database" in errors[0].msg

    # A table added to the live map without a migration that makes its trigger:
    monkeypatch.setattr(
        versions, "WATCHED_TABLES", (*versions.WATCHED_TABLES, Watched("axes_accessattempt", SITE))
    )
    errors = version_triggers_check(None, databases=["default"])
    assert any("axes_accessattempt" in error.msg for error in errors)


def test_freshness_0001_goes_back_to_what_federation_0005_left_and_forward_again(db):
    """Run the migration's backwards and forwards functions (inside the test's transaction)."""
    migration = importlib.import_module(
        "villageweb.freshness.migrations.0001_portal_versions_are_content_version_scopes"
    )
    with connection.schema_editor(atomic=False) as editor:
        migration.backwards(None, editor)
        editor.execute(
            "CREATE TABLE IF NOT EXISTS federation_portalversion "
            "(id bigint PRIMARY KEY, version bigint NOT NULL, site_version bigint NOT NULL)"
        )
    before = portal_versions()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE tenants_village SET name = name")  # fires the old function
        cursor.execute("SELECT version, site_version FROM federation_portalversion")
        old = max(cursor.fetchone())
    assert triggers_in_database() == triggers_expected()  # same triggers, other function bodies
    with connection.schema_editor(atomic=False) as editor:
        migration.forwards(None, editor)
    after = portal_versions()
    assert min(after.content, after.site) > max(old, before.content, before.site)  # no number reused
    Village.objects.update(name="x")  # a bulk update: no signal, the trigger alone
    assert portal_versions().site > after.site
