from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Desa dan domain"

    def ready(self):
        from tenants import checks, content_types, frontcache  # noqa: F401  (checks register themselves)

        content_types.install()
        frontcache.receivers_connect()
