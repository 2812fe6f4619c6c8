from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import audit_command_record
from provisioning.lifecycle import LifecycleError, village_suspend
from provisioning.models import AuditEntry


class Command(BaseCommand):
    help = "Nonaktifkan sementara situs desa: semua alamatnya menjawab 503, data tetap utuh."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")

    def handle(self, *args, **options):
        try:
            village = village_suspend(code=options["code"])
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        audit_command_record(village_code=village.code, action=AuditEntry.Action.SUSPEND)
        self.stdout.write(self.style.SUCCESS(f"{village.display_name} dinonaktifkan sementara."))
