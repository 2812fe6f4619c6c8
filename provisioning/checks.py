"""ALLOWED_HOSTS may be "*" only while the tenant middleware is the host gate (docs/operations.md)."""

from django.conf import settings
from django.core.checks import Error, register

TENANT_MIDDLEWARE = "tenants.middleware.VillageTenantMiddleware"
# May stand before the host gate: it only adds headers to the answer and never reads the host.
HEADER_ONLY_MIDDLEWARE = {"villageweb.security.headers.SecurityHeadersMiddleware"}


@register()
def allowed_hosts_gate_check(app_configs, **kwargs):
    before_gate = [entry for entry in settings.MIDDLEWARE if entry not in HEADER_ONLY_MIDDLEWARE][:1]
    if "*" in settings.ALLOWED_HOSTS and before_gate != [TENANT_MIDDLEWARE]:
        return [
            Error(
                'ALLOWED_HOSTS = ["*"] is only safe with VillageTenantMiddleware first in MIDDLEWARE '
                "(after header-only middleware): it answers 404 to every host not in the Domain table "
                "before any view runs.",
                id="villageweb.E001",
            )
        ]
    return []
