from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "provisioning.support"
    label = "support"
    verbose_name = "Akses dukungan Diskominfo"
