from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Desa dan domain"

    def ready(self):
        from django.core.signals import request_finished

        from tenants import checks, content_types  # noqa: F401  (checks register themselves)
        from tenants.postgresql_backend.base import connection_recycle_if_wide

        content_types.install()
        request_finished.connect(connection_recycle_if_wide, dispatch_uid="tenants_connection_recycle")
