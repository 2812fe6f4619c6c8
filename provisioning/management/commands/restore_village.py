from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import command_actor
from provisioning.services.archive import village_restore
from provisioning.services.lifecycle import LifecycleError


class Command(BaseCommand):
    help = (
        "Pulihkan desa dari arsip export_village ke slot kosong; dengan --code dipulihkan sebagai desa "
        "dengan kode (dan skema) baru."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas arsip dari export_village")
        parser.add_argument("--code", help="Pulihkan dengan kode Kemendagri lain")
        parser.add_argument("--subdomain", help="Subdomain untuk kode baru; bila kosong diturunkan dari nama")
        parser.add_argument("--alasan", default="", help="Alasan, dicatat di log tindakan")

    def handle(self, *args, **options):
        try:
            village = village_restore(
                archive=Path(options["file"]),
                code=options["code"],
                subdomain=options["subdomain"],
                actor=command_actor(),
                reason=options["alasan"],
            )
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{village.display_name} ({village.code}) dipulihkan: {village.url}/")
        )
        self.stdout.write(f"  Status: {village.get_status_display()}")
