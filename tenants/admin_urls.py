"""The admin's base URL follows the site being served: a village's links point at its own domain.

Wagtail writes WAGTAILADMIN_BASE_URL into password-reset mail and workflow notifications. A single
fixed value (the portal) would send a village's editors to the portal's admin, where their account
does not exist. The setting is therefore a lazy string, evaluated each time it is used, from the
schema the connection is on: the primary domain of that village, or the portal's base domain.
"""

from django.conf import settings
from django.db import connection
from django.utils.functional import lazy


def current_admin_base_url() -> str:
    from tenants.models import Domain, site_url  # settings import this module before apps are ready

    schema = getattr(connection, "schema_name", None)
    if schema and schema != settings.PUBLIC_SCHEMA_NAME:
        domain = (
            Domain.objects.filter(tenant__schema_name=schema, is_primary=True)
            .values_list("domain", flat=True)
            .first()
        )
        if domain:
            return site_url(domain)
    return site_url(settings.VILLAGEWEB_BASE_DOMAIN)


admin_base_url = lazy(current_admin_base_url, str)()
