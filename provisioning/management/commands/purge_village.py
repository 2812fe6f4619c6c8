from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import command_actor
from provisioning.services.archive import village_purge
from provisioning.services.lifecycle import LifecycleError, village_get


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
        parser.add_argument("--alasan", default="", help="Alasan, dicatat di log tindakan")

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
            village_purge(code=code, actor=command_actor(), reason=options["alasan"])
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{village.display_name} ({code}) dihapus permanen."))
