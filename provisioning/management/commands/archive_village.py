from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import command_actor
from provisioning.services.lifecycle import LifecycleError, village_archive


class Command(BaseCommand):
    help = "Arsipkan situs desa (hapus lunak): tidak dapat diakses, semua data disimpan."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")
        parser.add_argument("--alasan", default="", help="Alasan, dicatat di log tindakan")

    def handle(self, *args, **options):
        try:
            village = village_archive(code=options["code"], actor=command_actor(), reason=options["alasan"])
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{village.display_name} diarsipkan. Data tetap ada; aktifkan lagi dengan resume_village "
                f"{village.code}, atau hapus permanen dengan purge_village setelah export_village."
            )
        )
