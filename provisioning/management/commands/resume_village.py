from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import audit_command_record
from provisioning.lifecycle import LifecycleError, village_resume
from provisioning.models import AuditEntry


class Command(BaseCommand):
    help = "Aktifkan kembali situs desa yang dinonaktifkan sementara atau diarsipkan."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")

    def handle(self, *args, **options):
        try:
            village = village_resume(code=options["code"])
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        audit_command_record(village_code=village.code, action=AuditEntry.Action.RESUME)
        self.stdout.write(self.style.SUCCESS(f"{village.display_name} aktif kembali: {village.url}/"))
