from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "villageweb.accounts"
    label = "accounts"
    verbose_name = "Akun pengguna"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from villageweb.accounts.throttle import attempts_reset_on_login

        user_logged_in.connect(
            attempts_reset_on_login, dispatch_uid="villageweb.accounts.attempts_reset_on_login"
        )
