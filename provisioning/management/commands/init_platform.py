from django.core.management.base import BaseCommand

from provisioning.services import platform_init


class Command(BaseCommand):
    help = "Siapkan platform: migrasi skema bersama, portal kabupaten, dan skema templat desa."

    def handle(self, *args, **options):
        platform_init(migrate=True, verbosity=max(options["verbosity"] - 1, 0))
        self.stdout.write(self.style.SUCCESS("Platform siap."))
