from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """The Content-Security-Policy and Permissions-Policy headers and `{% inline_style %}`
    (docs/security.md): not tenancy, so not in tenants/."""

    name = "villageweb.security"
    label = "websecurity"
    verbose_name = "Kebijakan keamanan halaman"

    def ready(self):
        from villageweb.security import client_address  # noqa: F401  (its deploy check registers itself)
