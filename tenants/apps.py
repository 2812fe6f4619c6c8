from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Desa dan domain"

    def ready(self):
        from tenants import content_types

        content_types.install()
