from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import command_actor
from provisioning.services.lifecycle import LifecycleError, village_subdomain_change


class Command(BaseCommand):
    help = "Ganti subdomain situs desa; alamat lama tetap ada dan dialihkan (301) ke alamat baru."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")
        parser.add_argument("--subdomain", required=True, help="Subdomain baru, misalnya jlodro-kenduruan")
        parser.add_argument("--alasan", default="", help="Alasan, dicatat di log tindakan")

    def handle(self, *args, **options):
        try:
            domain = village_subdomain_change(
                code=options["code"],
                subdomain=options["subdomain"],
                actor=command_actor(),
                reason=options["alasan"],
            )
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Alamat utama {domain.tenant.display_name}: {domain.domain}"))
        for old in domain.tenant.domains.filter(is_primary=False).order_by("domain"):
            self.stdout.write(f"  {old.domain} dialihkan (301) ke {domain.domain}")
