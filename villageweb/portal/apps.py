from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "villageweb.portal"
    label = "portal"
    verbose_name = "Portal kabupaten"
