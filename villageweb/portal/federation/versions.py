"""Which public-schema table changes which of the portal's cache versions (PortalVersion).

The one map the database triggers are made from (migration 0005 and any later one that calls
`triggers_sql`), the docs name (docs/federation.md) and the tests check against what the portal's
pages actually read (tests/federation/test_portal_versions.py). A table the portal shows that is
missing here is served stale from the cache until the TTL runs out.

- CONTENT raises `version` only: what a portal news page or API answer shows inside the frame.
- SITE raises `version` and `site_version`: the frame every portal page draws (menu, breadcrumbs,
  branding, theme, announcements, routing) and the roster of active villages.

Villages and domains count on UPDATE and DELETE only: a new village or domain shows no news yet,
and a trigger on INSERT would make parallel imports queue on the version row (the roster watches
their row counts and ids for inserts instead: cache.portal_versions).
"""

from dataclasses import dataclass

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
    "federation_portalversion": "the versions themselves",
    "tenants_contentversion": (
        "the village site cache's own versions (villageweb/site_cache.py), read with the domain "
        "lookup on every request; nothing of them is shown on a portal page"
    ),
    "django_content_type": "never changes at run time; Django caches it per process",
    "django_session": "only logged-in requests, which the page cache skips",
    "auth_user": "only logged-in requests, which the page cache skips",
    "federation_villagecompleteness": (
        "the Kelengkapan score, kept on every village publish and daily "
        "(services.village_completeness_refresh): "
        "read fresh on uncached pages, at most cache.CACHE_SECONDS late on cached ones; a bump on every "
        "village publish would empty the portal's whole cache for a score shown in the directory"
    ),
}

# Trigger functions (PL/pgSQL, in the public schema) per version, and the sequence both draw from:
# a sequence never hands out a number twice, even when the transaction that took it rolls back.
FUNCTIONS = {CONTENT: "villageweb_portal_changed", SITE: "villageweb_portal_frame_changed"}
SEQUENCE = "federation_portalversion_number"
TRIGGER_PREFIX = "villageweb_portal_changed_"


def trigger_name(event: str) -> str:
    return f"{TRIGGER_PREFIX}{event.lower()}"


def watched_table(table: str) -> Watched | None:
    return next((watched for watched in WATCHED_TABLES if watched.table == table), None)


def _function_sql(schema: str, version: str) -> str:
    """A statement trigger with the changed rows as a transition table: a statement that touches
    no row (django-tenants' "other domains are not primary" UPDATE) bumps nothing."""
    drawn = f"nextval('\"{schema}\".{SEQUENCE}')"
    assignments = f"version = {drawn}" + (f", site_version = {drawn}" if version == SITE else "")
    return f"""CREATE OR REPLACE FUNCTION "{schema}".{FUNCTIONS[version]}() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM changed_rows) THEN
                INSERT INTO "{schema}".federation_portalversion (id, version, site_version)
                VALUES (1, {drawn}, {drawn})
                ON CONFLICT (id) DO UPDATE SET {assignments};
            END IF;
            RETURN NULL;
        END $$"""


def triggers_drop_sql(schema: str, tables) -> list[str]:
    """Drops the portal's triggers (by name) from `tables` (names, or Watched)."""
    names = [getattr(table, "table", table) for table in tables]
    return [
        f'DROP TRIGGER IF EXISTS {trigger_name(event)} ON "{schema}".{table}'
        for table in names
        for event in ALL_CHANGES
    ]


def triggers_sql(schema: str, watched: tuple[Watched, ...] = WATCHED_TABLES) -> list[str]:
    """Statements that (re)create the functions and every trigger of `watched`, after dropping the
    portal's triggers on those tables, so running them twice leaves the same triggers."""
    statements = [f'CREATE SEQUENCE IF NOT EXISTS "{schema}".{SEQUENCE}']
    statements += [_function_sql(schema, version) for version in FUNCTIONS]
    statements += triggers_drop_sql(schema, watched)
    for entry in watched:
        for event in entry.events:
            rows = "OLD" if event == "DELETE" else "NEW"
            statements.append(
                f'CREATE TRIGGER {trigger_name(event)} AFTER {event} ON "{schema}".{entry.table} '
                f"REFERENCING {rows} TABLE AS changed_rows "
                f'FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".{FUNCTIONS[entry.version]}()'
            )
    return statements
