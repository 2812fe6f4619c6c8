from django.apps import AppConfig


class CasesInboxConfig(AppConfig):
    """The providers' inbox in their own admin: no models, village-only (TENANT_APPS), so the gate in
    tenants/isolation.py keeps its screens off the portal while the case rows stay in public."""

    name = "villageweb.cases.inbox"
    label = "cases_inbox"
    verbose_name = "Kotak masuk pengaduan"
