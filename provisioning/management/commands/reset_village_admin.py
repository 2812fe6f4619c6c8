from django.core.management.base import BaseCommand, CommandError

from provisioning.lifecycle import LifecycleError, village_admin_password_reset, village_get


class Command(BaseCommand):
    help = (
        "Terbitkan kata sandi sekali pakai untuk pengguna admin desa (misalnya saat perangkat desa berganti)."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")
        parser.add_argument("--username", default="admin", help="Nama pengguna (bawaan: admin)")
        parser.add_argument(
            "--setup-link",
            action="store_true",
            help="Kirim tautan atur kata sandi alih-alih kata sandi sekali pakai (belum tersedia)",
        )

    def handle(self, *args, **options):
        if options["setup_link"]:
            raise CommandError(
                "--setup-link belum tersedia di versi ini: "
                "gunakan kata sandi sekali pakai (tanpa --setup-link)."
            )
        try:
            village = village_get(code=options["code"])
            password = village_admin_password_reset(code=village.code, username=options["username"])
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Kata sandi baru untuk {village.display_name}:"))
        self.stdout.write(f"  Admin:      {village.url}/admin/")
        self.stdout.write(f"  Pengguna:   {options['username']}")
        self.stdout.write(f"  Kata sandi: {password} (wajib diganti saat masuk pertama)")
