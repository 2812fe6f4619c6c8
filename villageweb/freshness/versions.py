"""The one version mechanism: a number per scope (tenants.models.ContentVersion, one row each), drawn
from one sequence, raised inside the transaction of the change it counts. Every cache of the
application keys what it keeps on the numbers it depends on (docs/caching.md), so the commit that
changes the content is the commit that makes the old entries unreachable.

Scopes:

- a village's schema name: anything that village's pages show (raised by frontcache.py's signal
  receivers, from Python, for every change inside its schema and for its Village and Domain rows);
- PLATFORM: the public-schema rows every village shows (regency announcements, the regency theme);
- PORTAL_CONTENT: anything a portal news page or API answer shows;
- PORTAL_SITE: the frame every portal page draws (menu, breadcrumbs, branding, theme, announcements,
  routing) and the roster of active villages.

The two portal scopes are raised by PostgreSQL statement triggers on the public tables in
WATCHED_TABLES, so queryset `update()`, raw SQL and data migrations count too. This map is the live
one: the triggers are made by migrations, each holding a frozen copy of the map it applied
(freshness 0001), and the start-up check `freshness.E001` (checks.py) fails when the database's
triggers differ from this map, that is when the map changed without a migration, or a migration
without the map. tests/federation/test_portal_versions.py fails when a portal page reads a public
table that is neither here nor in UNVERSIONED_TABLES.

- CONTENT raises PORTAL_CONTENT only.
- SITE raises PORTAL_CONTENT and PORTAL_SITE.

Villages and domains count on UPDATE and DELETE only: a new village or domain shows no news yet,
and a trigger on INSERT would make parallel imports queue on the version row (the roster watches
their row counts and ids for inserts instead: portal_cache.portal_versions).
"""

import contextlib
import contextvars
from dataclasses import dataclass

from django.db import connection
from django_tenants.utils import get_public_schema_name

from tenants.models import ContentVersion

PLATFORM = ContentVersion.PLATFORM
PORTAL_CONTENT = "portal"
PORTAL_SITE = "portal-site"

CONTENT = "content"
SITE = "site"
ALL_CHANGES = ("INSERT", "UPDATE", "DELETE")
UPDATES_AND_DELETES = ("UPDATE", "DELETE")


@dataclass(frozen=True)
class Watched:
    table: str
    version: str  # CONTENT or SITE
    events: tuple[str, ...] = ALL_CHANGES
    why: str = ""


WATCHED_TABLES: tuple[Watched, ...] = (
    Watched("federation_federatednewsitem", CONTENT, why="the federated news index"),
    Watched("layanan_catalogueservice", CONTENT, why="the catalogue of services (/layanan/, its API)"),
    Watched("tenants_village", SITE, UPDATES_AND_DELETES, "village names, status, roster"),
    Watched("tenants_domain", SITE, UPDATES_AND_DELETES, "links to the villages' sites"),
    Watched("federation_regencyannouncement", SITE, why="the regency's announcements"),
    Watched("wagtailcore_page", SITE, why="the portal's own pages: menu, breadcrumbs, routing"),
    # The portal pages' own fields (intro...): Wagtail writes wagtailcore_page on publish too, but an
    # update of these tables alone (a data migration, a script) must show as well.
    Watched("portal_portalhomepage", SITE, why="the portal home page's own fields"),
    Watched("portal_villagenewsindexpage", SITE, why="'Berita Desa''s own fields"),
    Watched("portal_villagedirectorypage", SITE, why="'Direktori Desa''s own fields"),
    Watched("wagtailcore_pageviewrestriction", SITE, why="a portal page made private"),
    Watched("wagtailcore_site", SITE, why="the portal's site and root page"),
    Watched("wagtailimages_image", SITE, why="the portal's logo and images"),
    Watched("themes_regency_regencytheme", SITE, why="the regency theme"),
    Watched("themes_villagebranding", SITE, why="the portal's branding"),
)

# Tables the portal reads on purpose without a version: each is keyed some other way.
UNVERSIONED_TABLES: dict[str, str] = {
    "tenants_contentversion": "the versions themselves",
    "django_content_type": "never changes at run time; Django caches it per process",
    "django_session": "only logged-in requests, which the page cache skips",
    "auth_user": "only logged-in requests, which the page cache skips",
    "federation_villagecompleteness": (
        "the Kelengkapan score, kept on every village publish and daily "
        "(villageweb.health.services.village_completeness_refresh): "
        "read fresh on uncached pages, at most portal_cache.CACHE_SECONDS late on cached ones; a bump on "
        "every village publish would empty the portal's whole cache for a score shown in the directory"
    ),
}

# Trigger functions (PL/pgSQL, in the public schema) per kind of change.
FUNCTIONS = {CONTENT: "villageweb_portal_changed", SITE: "villageweb_portal_frame_changed"}
TRIGGER_PREFIX = "villageweb_portal_changed_"


def trigger_name(event: str) -> str:
    return f"{TRIGGER_PREFIX}{event.lower()}"


def watched_table(table: str) -> Watched | None:
    return next((watched for watched in WATCHED_TABLES if watched.table == table), None)


def triggers_expected() -> set[tuple[str, str, str]]:
    """(table, trigger, function) for every trigger the live map asks for."""
    return {
        (entry.table, trigger_name(event), FUNCTIONS[entry.version])
        for entry in WATCHED_TABLES
        for event in entry.events
    }


def triggers_in_database() -> set[tuple[str, str, str]]:
    """(table, trigger, function) for every trigger of the public schema that calls one of the
    version functions or carries the prefix: what the database really does."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname, p.proname FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE n.nspname = %s AND NOT t.tgisinternal AND (t.tgname LIKE %s OR p.proname = ANY(%s))",
            [get_public_schema_name(), TRIGGER_PREFIX + "%", list(FUNCTIONS.values())],
        )
        return set(cursor.fetchall())


def _table() -> str:
    return f'"{get_public_schema_name()}"."{ContentVersion._meta.db_table}"'


_table_seen = [False]


def _table_exists() -> bool:
    """Whether the versions' table exists yet (a first migration saves rows before tenants' own
    migrations ran); looked up until it is there, then trusted."""
    if not _table_seen[0]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [_table()])
            _table_seen[0] = cursor.fetchone()[0]
    return _table_seen[0]


# Scopes waiting for their one raise at the end of versions_raised_once(); None outside it. A context
# variable: another thread or task of the same process raises its versions as usual meanwhile.
_raise_deferred: contextvars.ContextVar[dict[str, None] | None] = contextvars.ContextVar(
    "freshness_raise_deferred", default=None
)


@contextlib.contextmanager
def versions_raised_once():
    """Inside it, each scope is raised once, at the end and only on success, instead of on every
    change: for a batch that renders nothing of its own meanwhile (an old site's import), where one
    page costs half a dozen raises. Must end inside the batch's transaction."""
    if _raise_deferred.get() is not None:
        yield
        return
    pending: dict[str, None] = {}
    token = _raise_deferred.set(pending)
    try:
        yield
    finally:
        _raise_deferred.reset(token)
    version_raise(*pending)


def version_raise(*scopes: str) -> None:
    """Give each scope a new number, in the transaction of the change. On every change, not once per
    transaction: a request of that same transaction may already have cached what it saw under the
    number of the first raise (one UPSERT). Inside versions_raised_once(), once at its end."""
    pending = _raise_deferred.get()
    if pending is not None:
        pending.update(dict.fromkeys(scopes))
        return
    if not scopes or not _table_exists():
        return
    values = ", ".join(
        f"(%s, nextval('\"{get_public_schema_name()}\".tenants_contentversion_number'))" for _ in scopes
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_table()} (scope, number) VALUES {values} "
            "ON CONFLICT (scope) DO UPDATE SET number = EXCLUDED.number",
            list(scopes),
        )
