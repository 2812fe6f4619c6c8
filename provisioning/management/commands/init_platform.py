from django.core.management.base import BaseCommand, CommandError

from provisioning.services import platform_init
from provisioning.sql_replay import RestoreRoleUnavailable


class Command(BaseCommand):
    help = "Siapkan platform: migrasi skema bersama, portal kabupaten, dan skema templat desa."

    def handle(self, *args, **options):
        try:
            platform_init(migrate=True, verbosity=max(options["verbosity"] - 1, 0))
        except RestoreRoleUnavailable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Platform siap."))
