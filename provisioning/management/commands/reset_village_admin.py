from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from provisioning.audit import command_actor
from provisioning.services.lifecycle import (
    LifecycleError,
    village_admin_password_reset,
    village_admin_setup_link_issue,
    village_get,
)


class Command(BaseCommand):
    help = (
        "Terbitkan kata sandi sekali pakai, atau tautan atur kata sandi, untuk pengguna admin desa "
        "(misalnya saat perangkat desa berganti)."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")
        parser.add_argument("--username", default="admin", help="Nama pengguna (bawaan: admin)")
        parser.add_argument(
            "--setup-link",
            action="store_true",
            help="Terbitkan tautan atur kata sandi (14 hari, sekali pakai) alih-alih kata sandi sekali pakai",
        )
        parser.add_argument("--alasan", default="", help="Alasan, dicatat di log tindakan")

    def handle(self, *args, **options):
        who = {"username": options["username"], "actor": command_actor(), "reason": options["alasan"]}
        try:
            village = village_get(code=options["code"])
            if options["setup_link"]:
                link = village_admin_setup_link_issue(code=village.code, **who)
            else:
                password = village_admin_password_reset(code=village.code, **who)
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        if options["setup_link"]:
            expires = timezone.localtime(link.expires_at).strftime("%d-%m-%Y %H:%M")
            self.stdout.write(self.style.SUCCESS(f"Tautan atur kata sandi untuk {village.display_name}:"))
            self.stdout.write(f"  Pengguna:   {options['username']}")
            self.stdout.write(f"  Tautan:     {link.url}")
            self.stdout.write(f"  Berlaku sampai {expires} WIB, sekali pakai.")
            return
        self.stdout.write(self.style.SUCCESS(f"Kata sandi baru untuk {village.display_name}:"))
        self.stdout.write(f"  Admin:      {village.url}/admin/")
        self.stdout.write(f"  Pengguna:   {options['username']}")
        self.stdout.write(f"  Kata sandi: {password} (wajib diganti saat masuk pertama)")
