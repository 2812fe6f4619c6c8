from django.core.management.base import BaseCommand, CommandError

from provisioning.archive import village_purge
from provisioning.audit import audit_command_record
from provisioning.lifecycle import LifecycleError, village_get
from provisioning.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Hapus permanen desa yang sudah diarsipkan: skema, media, domain, dan isinya di portal. "
        "Hanya bila ada ekspor yang dibuat setelah perubahan terakhir."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Jangan tanya konfirmasi (untuk skrip)",
        )

    def handle(self, *args, **options):
        code = options["code"]
        try:
            village = village_get(code=code)
            if options["interactive"]:
                answer = input(
                    f"Hapus permanen {village.display_name} ({code})? Ketik kodenya untuk lanjut: "
                )
                if answer.strip() != village.code:
                    raise CommandError("Dibatalkan: kode tidak cocok.")
            village_purge(code=code)
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        audit_command_record(village_code=village.code, action=AuditEntry.Action.PURGE)
        self.stdout.write(self.style.SUCCESS(f"{village.display_name} ({code}) dihapus permanen."))
