from django.apps import AppConfig


class FederationConfig(AppConfig):
    """Village news federated to the regency portal, and the regency's announcements to villages.

    Its tables live only in the public schema (SHARED_APPS only); village code reaches them through
    django-tenants' search path ("<village schema>, public") in the same connection and transaction.
    """

    name = "villageweb.portal.federation"
    label = "federation"
    verbose_name = "Federasi berita desa"
