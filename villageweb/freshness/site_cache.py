"""What every page of a site draws around its content (menu, breadcrumbs, branding, regency
announcements, the home page's sections), computed once per change of the site instead of once per
request.

A site that can tell when its frame changed attaches a cache to the request as `request.site_cache`.
The portal does (portal_cache.py, keyed by the portal's site version); so does every village,
here, keyed by its own content version and the platform's (versions.py, read with the domain and
raised by frontcache.py on every publish, unpublish, move, delete, setting or snippet save in the
village, and on every regency announcement or theme change). Without one (a request off any site)
`cached_for_site` just computes.

A village page that the front cache may keep (an anonymous GET without a query string, answered 200
with no cookie and no Cache-Control of its own) is also kept whole with the page's pieces, so that
gunicorn answers a front-cache miss (after a ban, or a second application server) without routing or
rendering. It is keyed by the same versions, so it is exactly as fresh as the pieces; like Varnish's
objects it is also dropped after `VILLAGEWEB_VILLAGE_PAGE_CACHE_SECONDS`, for what no version tracks
(an agenda item that ends during the day).
"""

import hashlib
import pickle
import time
from collections.abc import Callable
from importlib import import_module
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django_tenants.utils import get_public_schema_name
from wagtail.models import Page, Site

T = TypeVar("T")

# Every piece is keyed by everything it depends on (the versions, the day), so it can live until the
# versions move on; the day only bounds memory left behind by old versions.
FRAME_CACHE_SECONDS = 24 * 3600


def cached_for_site(request, name: str, compute: Callable[[], T], *, page_only: bool = False) -> T:
    """`compute()`'s result, shared by all requests of the site until its frame changes.

    `name` must say everything the result depends on besides the site (a page id, a date);
    the result must pickle. `page_only` marks a piece drawn on one page only (its breadcrumbs, the
    home page's sections): a village keeps it with that page's path instead of with the frame every
    page reads.
    """
    site_cache = getattr(request, "site_cache", None) if request is not None else None
    if site_cache is None:
        return compute()
    return site_cache.get_or_set(name, compute, page_only=page_only)


def _cache():
    # Not keyed by the schema (the key names the village itself): the "platform" cache, which in
    # production is the shared Redis whose outage is a miss (redis_cache.ResilientRedisCache).
    return caches["platform"]


class VillageSiteCache:
    """`request.site_cache` on a village's host.

    A village's pieces live in two entries per version and day: the frame (what every page reads)
    and the page's own (under its path). Both are read in one round trip when the request starts,
    and what the request had to compute is written back in one more when it ends (`save()`): the
    first request to a village pays two cache round trips, not two per piece. Each piece is pickled
    on its own as soon as it is computed, so what the rest of the request does to the objects never
    reaches the cache, and a request unpickles only the pieces it draws. An anonymous request that
    Varnish may answer reads a third entry in the same round trip: the page kept whole.
    """

    def __init__(self, request, *, whole_page: bool = False):
        village = request.tenant
        village_version, platform_version = village.content_versions
        day = timezone.localdate().isoformat()
        frame = f"village-frame:{village.pk}:{village_version}:{platform_version}:{day}:{request.get_host()}"
        path = hashlib.sha256(request.path.encode()).hexdigest()[:32]
        self._keys = {False: frame, True: f"{frame}:page:{path}"}
        # The page kept whole has its own entry, read only by a request that may be answered from
        # it: an editor's request does not download it with the pieces.
        self._whole_key = f"{frame}:whole:{request.method}:{request.scheme}:{path}" if whole_page else None
        found = _cache().get_many([*self._keys.values(), *([self._whole_key] if whole_page else [])])
        self._pieces = {page_only: dict(found.get(key) or {}) for page_only, key in self._keys.items()}
        self._whole = found.get(self._whole_key) if whole_page else None
        self._changed: set[bool] = set()
        self._whole_changed = False

    def get_or_set(self, name: str, compute, *, page_only: bool = False):
        pieces = self._pieces[page_only]
        pickled = pieces.get(name)
        if pickled is not None:
            return pickle.loads(pickled)
        value = compute()
        if value is not None:  # None is not kept: made-up paths must not fill the cache
            pieces[name] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            self._changed.add(page_only)
        return value

    def response_get(self):
        """The page as an earlier anonymous request got it, if it is young enough; else None."""
        if self._whole is None:
            return None
        kept_at, response = pickle.loads(self._whole)
        if time.time() - kept_at >= settings.VILLAGEWEB_VILLAGE_PAGE_CACHE_SECONDS:
            return None
        return response

    def response_keep(self, response) -> None:
        """Keep the page whole, written with the pieces by `save()`; only for a site cache made with
        `whole_page=True` (a request Varnish may answer from its cache)."""
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        self._whole = pickle.dumps((time.time(), response), pickle.HIGHEST_PROTOCOL)
        self._whole_changed = True

    def save(self) -> None:
        """Write back the entries that gained pieces, and the page kept whole, in one round trip.
        Two first requests at once may each write what they saw; the later write wins, and a piece
        it lacks is computed once more."""
        entries = {self._keys[page_only]: self._pieces[page_only] for page_only in self._changed}
        if self._whole_changed:
            entries[self._whole_key] = self._whole
            self._whole_changed = False
        if entries:
            # The whole page is checked against its age when read; the entry lives as long as the
            # pieces (until the versions or the day move on) and is then left to expire.
            _cache().set_many(entries, FRAME_CACHE_SECONDS)
        self._changed = set()


def _root_page_load(site: Site) -> Page:
    """The site's root page as its own type, with what serving it reads besides its row: the
    objects its own foreign keys point to (the home page's photos) and its view restrictions."""
    root = site.root_page.specific
    for field in type(root)._meta.concrete_fields:
        if field.many_to_one and field.model is not Page and issubclass(field.model, Page):
            getattr(root, field.name)
    root.frame_view_restrictions = list(root.get_view_restrictions())
    return root


def wagtail_site_remember(request) -> None:
    """Wagtail looks the site up with a query per request, then its root page and the page's view
    restrictions (three more for the home page); a village's site and home page change only with its
    content version, so take them from the site cache."""

    def site_with_root():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = _root_page_load(site)
        return (site,)

    (site,) = request.site_cache.get_or_set("wagtail-site", site_with_root)
    request._wagtail_site = site


# Never kept whole, whatever they answer: the admin, accounts, support log-in, files and the TLS check.
UNCACHED_PATH_PREFIXES = ("/admin/", "/akun/", "/dukungan-diskominfo/", "/dokumen/", "/media/", "/_tls/")


def anonymous_read(request) -> bool:
    """A request that deploy/varnish/villageweb.vcl may answer from its cache (vcl_recv): a GET or
    HEAD with no live session, no flash message and no Authorization. Which paths and query strings
    a cache keeps is each cache's own rule (here and villageweb.freshness.portal_cache)."""
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and "messages" not in request.COOKIES
        and (settings.SESSION_COOKIE_NAME not in request.COOKIES or session_cookie_dead(request))
    )


def session_cookie_dead(request) -> bool:
    """Whether the request's session cookie names no live session: made up, expired or logged out.

    Varnish lets every well-formed session key past its cache (it cannot read Django's sessions), so
    a client can invent keys to reach the application. Such a visitor is anonymous; answered from
    the caches kept here it costs one indexed session lookup instead of a render
    (docs/security.md, "A made-up session key"). Looked up once per request, only when asked.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    dead = getattr(request, "_villageweb_session_dead", None)
    if dead is None:
        # SessionMiddleware's own lazy store where it ran, so that a live session is read once per
        # request (authentication reads the same store after this); a store of its own otherwise.
        store = getattr(request, "session", None)
        if store is None:
            engine = import_module(settings.SESSION_ENGINE)
            store = engine.SessionStore(request.COOKIES[settings.SESSION_COOKIE_NAME])
        store.keys()  # loads it: a key that names no live session leaves the store without one
        dead = request._villageweb_session_dead = store.session_key is None
    return dead


def session_cookie_forget(request, response) -> None:
    """On an answer from a cache, tell the browser to drop a dead session cookie (as Django's
    SessionMiddleware does on the answers it sees), so its next visits are served by Varnish."""
    if session_cookie_dead(request):
        response.delete_cookie(
            settings.SESSION_COOKIE_NAME,
            path=settings.SESSION_COOKIE_PATH,
            domain=settings.SESSION_COOKIE_DOMAIN,
            samesite=settings.SESSION_COOKIE_SAMESITE,
        )


def _whole_page_request(request) -> bool:
    """What Varnish looks up in its cache for a village, and nothing more."""
    return (
        settings.VILLAGEWEB_VILLAGE_PAGE_CACHE_SECONDS > 0
        and anonymous_read(request)
        and not request.META.get("QUERY_STRING")
        and not request.path.startswith(UNCACHED_PATH_PREFIXES)
    )


def _whole_page_response(request, response) -> bool:
    """What Varnish would keep: a 200 that sets no cookie and says nothing of its own freshness."""
    user = getattr(request, "_cached_user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form's token is the visitor's own
        and not response.has_header("Cache-Control")
        and not response.has_header("Expires")
        and not (user is not None and user.is_authenticated)
    )


class VillageSiteCacheMiddleware:
    """Placed right after the tenant middleware: gives every request to a village its site cache,
    and answers an anonymous visitor from the page kept whole when there is one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        village = getattr(request, "tenant", None)
        versions = getattr(village, "content_versions", None)  # read with the domain (tenants.middleware)
        if versions is None or village.schema_name == get_public_schema_name():
            return self.get_response(request)
        whole_page = _whole_page_request(request)
        request.site_cache = site_cache = VillageSiteCache(request, whole_page=whole_page)
        if whole_page:
            response = site_cache.response_get()
            if response is not None:
                response["X-Site-Cache"] = "hit"
                session_cookie_forget(request, response)
                return response
        wagtail_site_remember(request)
        response = self.get_response(request)
        if whole_page and _whole_page_response(request, response):
            site_cache.response_keep(response)
            response["X-Site-Cache"] = "miss"
        site_cache.save()
        return response
