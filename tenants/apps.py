from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Desa dan domain"

    def ready(self):
        from tenants import content_types, frontcache

        content_types.install()
        frontcache.receivers_connect()
