from django.conf import settings

from tenants.branding import site_brand


def village(request):
    """The village (or the portal) that owns this request's host, the regency's name, and the name
    the site goes by: the village's own, or the portal's one brand name (VILLAGEWEB_PORTAL_NAME)
    on the portal's pages and its admin. A host no tenant owns has no name: its 404 must not pass
    for the portal."""
    tenant = getattr(request, "tenant", None)
    return {
        "current_village": tenant,
        "regency_name": settings.VILLAGEWEB_REGENCY_NAME,
        "portal_name": settings.VILLAGEWEB_PORTAL_NAME,
        "site_brand": "" if tenant is None else site_brand(tenant),
    }
