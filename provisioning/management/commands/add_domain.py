from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import command_actor
from provisioning.services.lifecycle import LifecycleError, village_domain_add


class Command(BaseCommand):
    help = (
        "Tambahkan domain lain untuk situs desa (misalnya domain .desa.id milik desa). "
        "Domain yang bukan utama dialihkan (301) ke domain utama."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")
        parser.add_argument("domain", help="Nama domain lengkap, misalnya jlodro.desa.id")
        parser.add_argument(
            "--primary", action="store_true", help="Jadikan domain utama (dipakai di semua tautan)"
        )
        parser.add_argument("--alasan", default="", help="Alasan, dicatat di log tindakan")

    def handle(self, *args, **options):
        try:
            domain = village_domain_add(
                code=options["code"],
                domain=options["domain"],
                primary=options["primary"],
                actor=command_actor(),
                reason=options["alasan"],
            )
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        village = domain.tenant
        if domain.is_primary:
            self.stdout.write(
                self.style.SUCCESS(f"{domain.domain} kini domain utama {village.display_name}.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{domain.domain} ditambahkan untuk {village.display_name}; "
                    f"dialihkan (301) ke domain utama {village.primary_domain}."
                )
            )
        self.stdout.write("  Arahkan DNS domain ini (A/CNAME) ke server VillageWeb.")
