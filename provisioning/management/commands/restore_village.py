from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from provisioning.archive import village_restore
from provisioning.audit import audit_command_record
from provisioning.lifecycle import LifecycleError
from provisioning.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Pulihkan desa dari arsip export_village ke slot kosong; dengan --code dipulihkan sebagai desa "
        "dengan kode (dan skema) baru."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas arsip dari export_village")
        parser.add_argument("--code", help="Pulihkan dengan kode Kemendagri lain")
        parser.add_argument("--subdomain", help="Subdomain untuk kode baru; bila kosong diturunkan dari nama")

    def handle(self, *args, **options):
        try:
            village = village_restore(
                archive=Path(options["file"]), code=options["code"], subdomain=options["subdomain"]
            )
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        audit_command_record(
            village_code=village.code, action=AuditEntry.Action.RESTORE, detail=options["file"]
        )
        self.stdout.write(
            self.style.SUCCESS(f"{village.display_name} ({village.code}) dipulihkan: {village.url}/")
        )
        self.stdout.write(f"  Status: {village.get_status_display()}")
