from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "villageweb.accounts"
    label = "accounts"
    verbose_name = "Akun pengguna"
