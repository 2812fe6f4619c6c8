from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "villageweb.transparency"
    label = "transparency"
    verbose_name = "Papan transparansi"
