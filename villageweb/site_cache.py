"""What every page of a site draws around its content (menu, breadcrumbs, branding, regency
announcements), computed once per change of the site instead of once per request.

A site that can tell when its frame changed attaches a cache to the request as `request.site_cache`
(the portal does: villageweb.portal.federation.cache, keyed by PortalVersion.site_version). Anywhere
else `cached_for_site` just computes, so village sites behave exactly as without it.
"""

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def cached_for_site(request, name: str, compute: Callable[[], T]) -> T:
    """`compute()`'s result, shared by all requests of the site until its frame changes.

    `name` must say everything the result depends on besides the site (a page id, a date);
    the result must pickle.
    """
    site_cache = getattr(request, "site_cache", None) if request is not None else None
    if site_cache is None:
        return compute()
    return site_cache.get_or_set(name, compute)
