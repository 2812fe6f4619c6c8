from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import command_actor
from provisioning.services.lifecycle import LifecycleError, village_suspend


class Command(BaseCommand):
    help = "Nonaktifkan sementara situs desa: semua alamatnya menjawab 503, data tetap utuh."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")
        parser.add_argument("--alasan", default="", help="Alasan, dicatat di log tindakan")

    def handle(self, *args, **options):
        try:
            village = village_suspend(code=options["code"], actor=command_actor(), reason=options["alasan"])
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{village.display_name} dinonaktifkan sementara."))
