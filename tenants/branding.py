"""The name a site goes by: a village's own, or the portal's one brand name (VILLAGEWEB_PORTAL_NAME)."""

from django.conf import settings
from django.db import connection
from django.utils.functional import lazy


def site_brand(tenant=None) -> str:
    """The name of `tenant`'s site, by default the tenant the database connection is set to."""
    tenant = tenant if tenant is not None else getattr(connection, "tenant", None)
    if getattr(tenant, "is_site", False):
        return tenant.display_name
    return settings.VILLAGEWEB_PORTAL_NAME


# WAGTAIL_SITE_NAME, a lazy string read each time it is used (settings import this module): the
# fallback the admin shows when a user's pages are not one site's (a superuser's, such as
# Diskominfo's support account in a village) names the site being served.
admin_site_name = lazy(site_brand, str)()
