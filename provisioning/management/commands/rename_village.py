from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import audit_command_record
from provisioning.lifecycle import LifecycleError, village_subdomain_change
from provisioning.models import AuditEntry


class Command(BaseCommand):
    help = "Ganti subdomain situs desa; alamat lama tetap ada dan dialihkan (301) ke alamat baru."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")
        parser.add_argument("--subdomain", required=True, help="Subdomain baru, misalnya jlodro-kenduruan")

    def handle(self, *args, **options):
        try:
            domain = village_subdomain_change(code=options["code"], subdomain=options["subdomain"])
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        audit_command_record(
            village_code=domain.tenant.code, action=AuditEntry.Action.RENAME, detail=domain.domain
        )
        self.stdout.write(self.style.SUCCESS(f"Alamat utama {domain.tenant.display_name}: {domain.domain}"))
        for old in domain.tenant.domains.filter(is_primary=False).order_by("domain"):
            self.stdout.write(f"  {old.domain} dialihkan (301) ke {domain.domain}")
