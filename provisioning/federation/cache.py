"""Anonymous visitors' portal news pages and API answers, cached under the portal's content version.

The version (PortalVersion) changes in the same transaction as any change that can alter these
pages, through PostgreSQL triggers, so a news item published in a village is on the next portal
request: the first visitor after a change renders the page, the ones after get it from the cache.
Only anonymous GETs on the configured path prefixes are cached, only 200 responses that set no
cookie; a TTL bounds what the version does not track (a menu page elsewhere on the portal).
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django_tenants.utils import get_public_schema_name

CACHE_SECONDS = 600


def portal_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT version FROM "{get_public_schema_name()}".federation_portalversion WHERE id = 1'
        )
        row = cursor.fetchone()
    return row[0] if row else 0


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and getattr(request, "tenant", None) is not None
        and request.tenant.schema_name == get_public_schema_name()
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and request.path.startswith(tuple(settings.VILLAGEWEB_PORTAL_CACHED_PATHS))
    )


class PortalPageCacheMiddleware:
    """Placed right after the tenant middleware, so a hit skips sessions, routing and rendering."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"portal-page:{portal_version()}:{request.get_host()}:{request.method}:{path}"
        cache = caches["platform"]  # not keyed by the schema: the view may leave another one set
        response = cache.get(key)
        if response is not None:
            response["X-Portal-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, CACHE_SECONDS)
        response["X-Portal-Cache"] = "miss"
        return response
