from django.apps import AppConfig


class VillageConfig(AppConfig):
    name = "villageweb.village"
    label = "village"
    verbose_name = "Situs desa"
