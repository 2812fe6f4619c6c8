"""Anonymous visitors' portal news pages and API answers, cached under the portal's content version;
and every portal page's frame (menu, breadcrumbs, branding, announcements) under its site version.

Both numbers (the scopes PORTAL_CONTENT and PORTAL_SITE of villageweb.freshness.versions) change in
the same transaction as the change they track, through PostgreSQL triggers, so a news item
published in a village is on the next portal request: the first visitor after a change renders
the page (with the frame still cached, since news leaves the site version alone), the ones after
get it whole from the cache. Only anonymous GETs on the configured path prefixes are cached whole,
only 200 responses that set no cookie; a TTL bounds what the versions do not track.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import QueryDict
from django.utils import timezone
from django_tenants.utils import get_public_schema_name
from wagtail.models import Site

from tenants.models import ContentVersion, Domain, Village
from villageweb.freshness.site_cache import anonymous_read, session_cookie_forget
from villageweb.freshness.versions import PORTAL_CONTENT, PORTAL_SITE
from villageweb.query_params import SEARCH_MAX_LENGTH, query_int

MAX_PAGE_NUMBER = 10_000

CACHE_SECONDS = 600  # whole pages: they also show today's announcements, which no version tracks
# The frame's pieces are keyed by everything they depend on (announcements by date), so they can
# live until the site version changes; the day only bounds memory left behind by old versions.
FRAME_CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Versions:
    content: int  # anything a portal news page shows
    site: int  # only the frame around it (and the active villages: village and domain updates raise it)
    # Row count and highest id of the village and domain tables: what an INSERT changes, since
    # inserts raise no version (parallel imports never wait on the version row).
    village_rows: str

    @property
    def roster_key(self) -> tuple:
        """What the portal's village roster depends on (villageweb.portal.federation.queries)."""
        return (self.site, self.village_rows)


def public_table(name: str) -> str:
    """A public-schema table, qualified: portal reads must not depend on the connection's schema."""
    return f'"{get_public_schema_name()}"."{name}"'


def portal_versions() -> Versions:
    """Both versions and the village rows' fingerprint, in one query. A version's row appears with
    the first change a trigger counts; until then it is 0, and the fingerprint is read all the same
    (villages are inserted without a trigger)."""
    numbers = public_table(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT coalesce((SELECT number FROM {numbers} WHERE scope = %s), 0), "
            f"coalesce((SELECT number FROM {numbers} WHERE scope = %s), 0), "
            f"(SELECT (count(*), max(id))::text FROM {public_table(Village._meta.db_table)}) || "
            f"(SELECT (count(*), max(id))::text FROM {public_table(Domain._meta.db_table)})",
            [PORTAL_CONTENT, PORTAL_SITE],
        )
        return Versions(*cursor.fetchone())


def portal_version() -> int:
    return portal_versions().content


def request_versions(request) -> Versions:
    """The portal's versions as this request first read them: one query per request, however many
    caches (page, frame, village roster) key on them."""
    versions = getattr(request, "portal_versions", None)
    if versions is None:
        versions = request.portal_versions = portal_versions()
    return versions


def _cache():
    return caches["platform"]  # not keyed by the schema: the view may leave another one set


class PortalSiteCache:
    """`request.site_cache` on the portal (see villageweb.freshness.site_cache); reads the version lazily,
    so a portal request that draws no frame (the API, a feed) costs no extra query."""

    def __init__(self, request):
        self._request = request
        self._host = request.get_host()

    def get_or_set(self, name: str, compute, *, page_only: bool = False):
        key = f"portal-frame:{request_versions(self._request).site}:{self._host}:{name}"
        value = _cache().get(key)
        if value is None:
            value = compute()
            _cache().set(key, value, FRAME_CACHE_SECONDS)
        return value


def _remember_wagtail_site(request) -> None:
    """Wagtail looks the site up with a query per request and keeps it on the request as
    `_wagtail_site`; the portal's site changes only with its frame, so take it from the cache."""

    def site_with_specific_root():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific  # routing starts at root_page.specific
        return (site,)

    (site,) = request.site_cache.get_or_set("wagtail-site", site_with_specific_root)
    request._wagtail_site = site


def _on_portal(request) -> bool:
    tenant = getattr(request, "tenant", None)
    return tenant is not None and tenant.schema_name == get_public_schema_name()


# Every query parameter a cached portal page or API answer reads, with its normal form: an int
# parameter's (minimum, maximum, whether an invalid value is kept for the view to refuse), a text
# parameter's maximum length. A cached request keeps only these (first value, normalised) before the
# view runs, so the cache key is the path plus these, and a flood of made-up parameters lands on the
# entry of the bare page. An invalid value kept is answered 422 by the API, which is never cached.
CACHED_PAGE_PARAMETERS: dict[str, tuple[int, int, bool] | int] = {
    "halaman": (1, MAX_PAGE_NUMBER, False),
    "page": (1, MAX_PAGE_NUMBER, True),
    "page_size": (1, 100, True),
    "kecamatan": 8,
    "desa": 13,
    "q": SEARCH_MAX_LENGTH,
    # The catalogue's filters (villageweb/services/views.py, api.py).
    "event": 20,
    "provider": 13,
}


def _parameters_normalise(request) -> str:
    """Replace `request.GET` with the known parameters in normal form; return them encoded, sorted."""
    kept = QueryDict(mutable=True)
    for name in request.GET:
        rule = CACHED_PAGE_PARAMETERS.get(name)
        if rule is None or name in kept:
            continue
        if isinstance(rule, tuple):
            minimum, maximum, keep_invalid = rule
            number = query_int(request, name, default=None, minimum=minimum, maximum=maximum)
            if number is not None:
                kept[name] = str(number)
            elif keep_invalid:
                kept[name] = request.GET.get(name, "")[:20]
        else:
            # One character past the limit is kept: the API refuses a value that long (422) as it
            # does for a signed-in caller, instead of answering for a cut value (another village's
            # code); the cache key stays bounded.
            value = request.GET.get(name, "").strip()[: rule + 1]
            if value:
                kept[name] = value
    kept._mutable = False
    request.GET = kept
    return urlencode(sorted(kept.items()))


def _cacheable_request(request) -> bool:
    return anonymous_read(request) and (
        request.path.startswith(tuple(settings.VILLAGEWEB_PORTAL_CACHED_PATHS))
        or request.path in settings.VILLAGEWEB_PORTAL_CACHED_PAGES
    )


class PortalPageCacheMiddleware:
    """Placed right after the tenant middleware, so a hit skips sessions, routing and rendering."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _on_portal(request):
            return self.get_response(request)
        if not _cacheable_request(request):
            request.site_cache = PortalSiteCache(request)
            _remember_wagtail_site(request)
            return self.get_response(request)
        versions = request_versions(request)
        request.site_cache = PortalSiteCache(request)
        query = _parameters_normalise(request)
        path = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
        # The day is part of the key: news dated ahead joins the listings on its date (queries.py).
        day = timezone.localdate().isoformat()
        key = f"portal-page:{versions.content}:{day}:{request.get_host()}:{request.method}:{path}"
        response = _cache().get(key)
        if response is not None:
            response["X-Portal-Cache"] = "hit"
            session_cookie_forget(request, response)
            return response
        _remember_wagtail_site(request)
        response = self.get_response(request)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            _cache().set(key, response, CACHE_SECONDS)
        response["X-Portal-Cache"] = "miss"
        return response
