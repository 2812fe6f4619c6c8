from django.apps import AppConfig


class LocalServicesConfig(AppConfig):
    """The regency's village services on each village's own site (issue #29, step 4): the village's
    overrides of the regency's templates (officer, hours, place, phone, WhatsApp, its own online
    channel, notes, "tidak dilayani di desa ini"), kept in the village's own schema (TENANT_APPS
    only), so no village can read or write another's, and exported with the village.

    The templates themselves are the regency's (villageweb.services.models.VillageServiceTemplate,
    public schema); this app merges the two for the village's /layanan/ pages and keeps the portal's
    catalogue rows of every village in step (services.py)."""

    name = "villageweb.services.local"
    label = "layanan_desa"
    verbose_name = "Layanan desa dari templat kabupaten"
