from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "villageweb.support"
    label = "support"
    verbose_name = "Akses dukungan Diskominfo"
