"""ALLOWED_HOSTS may be "*" only while the tenant middleware is the host gate (docs/operations.md)."""

from django.conf import settings
from django.core.checks import Error, register

TENANT_MIDDLEWARE = "tenants.middleware.VillageTenantMiddleware"


@register()
def allowed_hosts_gate_check(app_configs, **kwargs):
    if "*" in settings.ALLOWED_HOSTS and settings.MIDDLEWARE[:1] != [TENANT_MIDDLEWARE]:
        return [
            Error(
                'ALLOWED_HOSTS = ["*"] is only safe with VillageTenantMiddleware first in MIDDLEWARE: '
                "it answers 404 to every host not in the Domain table before any view runs.",
                id="villageweb.E001",
            )
        ]
    return []
