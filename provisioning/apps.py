from django.apps import AppConfig


class ProvisioningConfig(AppConfig):
    name = "provisioning"
    verbose_name = "Penyediaan situs desa"

    def ready(self):
        from provisioning import checks  # noqa: F401 - registers the system check
        from provisioning.lockouts import lockout_receivers_connect

        lockout_receivers_connect()
