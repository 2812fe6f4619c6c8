from django.apps import AppConfig


class SiteImportConfig(AppConfig):
    name = "provisioning.site_import"
    label = "site_import"
    verbose_name = "Impor situs lama"
