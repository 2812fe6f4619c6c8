from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "villageweb.budget"
    label = "budget"
    verbose_name = "Transparansi APBDes"
