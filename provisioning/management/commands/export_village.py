from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import command_actor
from provisioning.services.archive import village_export
from provisioning.services.lifecycle import LifecycleError


class Command(BaseCommand):
    help = "Ekspor satu desa ke satu arsip tar.gz: skema, media, data di skema publik, dan manifest."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")
        parser.add_argument("--output", required=True, help="Berkas arsip, misalnya 35.23.01.2001.tar.gz")
        parser.add_argument("--alasan", default="", help="Alasan, dicatat di log tindakan")

    def handle(self, *args, **options):
        try:
            export = village_export(
                code=options["code"],
                output=Path(options["output"]),
                actor=command_actor(),
                reason=options["alasan"],
            )
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Ekspor {export.code} selesai: {export.path}"))
        self.stdout.write(f"  Ukuran:  {export.size_bytes} byte")
        self.stdout.write(f"  SHA-256: {export.sha256}")
