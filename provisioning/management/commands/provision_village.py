import json
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import command_actor
from provisioning.services import ProvisioningError, village_provision


class Command(BaseCommand):
    help = "Buat situs satu desa dengan menyalin skema templat."

    def add_arguments(self, parser):
        parser.add_argument(
            "--code",
            required=True,
            help="Kode Kemendagri (desa 35.23.01.2001, kecamatan 35.23.01) atau kode OPD (OPD.DINKES)",
        )
        parser.add_argument("--name", required=True, help="Nama desa tanpa awalan 'Desa' (atau nama OPD)")
        parser.add_argument("--district", default="", help="Nama kecamatan (wajib untuk desa dan kelurahan)")
        parser.add_argument("--kind", choices=["desa", "kelurahan", "kecamatan", "opd"], default="desa")
        parser.add_argument("--subdomain", help="Subdomain; bila kosong diturunkan dari nama")
        parser.add_argument(
            "--setup-link",
            action="store_true",
            help="Tanpa kata sandi: tautan sekali pakai (berlaku 14 hari) untuk mengatur kata sandi admin",
        )
        parser.add_argument("--json", action="store_true", help="Cetak satu objek JSON")

    def handle(self, *args, **options):
        try:
            result = village_provision(
                code=options["code"],
                name=options["name"],
                district_name=options["district"],
                kind=options["kind"],
                subdomain=options["subdomain"],
                setup_link=options["setup_link"],
                actor=command_actor(),
            )
        except ProvisioningError as error:
            raise CommandError(str(error)) from error
        self._spares_refill_in_background()
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
            return
        self.stdout.write(self.style.SUCCESS(f"Situs desa dibuat: {result.url}"))
        self.stdout.write(f"  Admin:      {result.admin_url}")
        self.stdout.write(f"  Pengguna:   {result.admin_username}")
        if result.setup_url:
            expires = result.setup_expires_at.astimezone().strftime("%d-%m-%Y %H:%M")
            self.stdout.write(f"  Tautan atur kata sandi: {result.setup_url} (berlaku sampai {expires})")
        else:
            self.stdout.write(f"  Kata sandi: {result.admin_password} (wajib diganti saat masuk pertama)")

    def _spares_refill_in_background(self):
        """Replace the spare schema this village may have used, without making the operator wait."""
        if settings.VILLAGEWEB_SPARE_SCHEMAS <= 0:
            return
        subprocess.Popen(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "refill_spare_schemas"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
