from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "villageweb.cases"
    label = "cases"
    verbose_name = "Pengaduan dan permohonan informasi"
