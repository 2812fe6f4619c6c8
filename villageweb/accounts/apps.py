from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "villageweb.accounts"
    label = "accounts"
    verbose_name = "Akun pengguna"

    def ready(self):
        from villageweb.accounts import support_account

        support_account.receivers_connect()
