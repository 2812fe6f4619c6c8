"""What every page of a site draws around its content (menu, breadcrumbs, branding, regency
announcements, the home page's sections), computed once per change of the site instead of once per
request.

A site that can tell when its frame changed attaches a cache to the request as `request.site_cache`.
The portal does (villageweb.portal.federation.cache, keyed by PortalVersion.site_version); so does
every village, here, keyed by its own content version and the platform's (tenants.models.
ContentVersion, read with the domain and raised by tenants.frontcache on every publish, unpublish,
move, delete, setting or snippet save in the village, and on every regency announcement or theme
change). Without one (a request off any site) `cached_for_site` just computes.
"""

import hashlib
import pickle
from collections.abc import Callable
from typing import TypeVar

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
    # production is the shared Redis whose outage is a miss (tenants.cache.ResilientRedisCache).
    return caches["platform"]


class VillageSiteCache:
    """`request.site_cache` on a village's host.

    A village's pieces live in two entries per version and day: the frame (what every page reads)
    and the page's own (under its path). Both are read in one round trip when the request starts,
    and what the request had to compute is written back in one more when it ends (`save()`): the
    first request to a village pays two cache round trips, not two per piece. Each piece is pickled
    on its own as soon as it is computed, so what the rest of the request does to the objects never
    reaches the cache, and a request unpickles only the pieces it draws.
    """

    def __init__(self, request):
        village = request.tenant
        village_version, platform_version = village.content_versions
        day = timezone.localdate().isoformat()
        frame = f"village-frame:{village.pk}:{village_version}:{platform_version}:{day}:{request.get_host()}"
        path = hashlib.sha256(request.path.encode()).hexdigest()[:32]
        self._keys = {False: frame, True: f"{frame}:page:{path}"}
        found = _cache().get_many(list(self._keys.values()))
        self._pieces = {page_only: dict(found.get(key) or {}) for page_only, key in self._keys.items()}
        self._changed: set[bool] = set()

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

    def save(self) -> None:
        """Write back the entries that gained pieces. Two first requests at once may each write
        what they saw; the later write wins, and a piece it lacks is computed once more."""
        if self._changed:
            entries = {self._keys[page_only]: self._pieces[page_only] for page_only in self._changed}
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


class VillageSiteCacheMiddleware:
    """Placed right after the tenant middleware: gives every request to a village its site cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        village = getattr(request, "tenant", None)
        versions = getattr(village, "content_versions", None)  # read with the domain (tenants.middleware)
        if versions is not None and village.schema_name != get_public_schema_name():
            request.site_cache = site_cache = VillageSiteCache(request)
            wagtail_site_remember(request)
            response = self.get_response(request)
            site_cache.save()
            return response
        return self.get_response(request)
