from django.apps import AppConfig


class RegencyThemeConfig(AppConfig):
    """The regency's theme policy. Only in SHARED_APPS: its table exists in the public schema alone,
    so no village schema can shadow it on the search path."""

    name = "themes.regency"
    label = "themes_regency"
    verbose_name = "Tema kabupaten"

    def ready(self):
        from django.db.models.signals import post_save

        from themes.regency.models import RegencyTheme, regency_policy_forget

        post_save.connect(regency_policy_forget, sender=RegencyTheme, dispatch_uid="regency_policy_forget")
