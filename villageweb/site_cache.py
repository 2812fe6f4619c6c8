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

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django_tenants.utils import get_public_schema_name
from wagtail.models import Page, Site

T = TypeVar("T")

# Every piece is keyed by everything it depends on (the versions, the day where it matters), so it
# can live until the versions move on; the day only bounds memory left behind by old versions.
FRAME_CACHE_SECONDS = 24 * 3600


def cached_for_site(request, name: str, compute: Callable[[], T]) -> T:
    """`compute()`'s result, shared by all requests of the site until its frame changes.

    `name` must say everything the result depends on besides the site (a page id, a date);
    the result must pickle.
    """
    site_cache = getattr(request, "site_cache", None) if request is not None else None
    if site_cache is None:
        return compute()
    return site_cache.get_or_set(name, compute)


def _cache():
    # Not keyed by the schema (the key names the village itself): the "platform" cache, which in
    # production is the shared Redis whose outage is a miss (tenants.cache.ResilientRedisCache).
    return caches["platform"]


class VillageSiteCache:
    """`request.site_cache` on a village's host."""

    def __init__(self, request):
        village = request.tenant
        village_version, platform_version = village.content_versions
        self._prefix = f"village-frame:{village.pk}:{village_version}:{platform_version}:{request.get_host()}"

    def get_or_set(self, name: str, compute):
        key = f"{self._prefix}:{name}"
        value = _cache().get(key)
        if value is None:
            value = compute()
            if value is not None:  # None is not kept: made-up paths must not fill the cache
                _cache().set(key, value, FRAME_CACHE_SECONDS)
        return value


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
            request.site_cache = VillageSiteCache(request)
            wagtail_site_remember(request)
        return self.get_response(request)
