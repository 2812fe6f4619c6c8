from django.core.management.base import BaseCommand, CommandError

from provisioning.audit import command_actor
from provisioning.services.lifecycle import (
    LifecycleError,
    storage_quota_change_text,
    village_storage_quota_set,
)
from villageweb.media.quota import storage_usage


class Command(BaseCommand):
    help = (
        "Ubah kuota penyimpanan desa (berkas asli gambar dan dokumen), dalam MB; "
        "--bawaan mengembalikannya ke kuota bawaan platform."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode Kemendagri, misalnya 35.23.01.2001")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--mb", type=int, help="Kuota baru dalam MB, misalnya 2048")
        which.add_argument("--bawaan", action="store_true", help="Kembali ke VILLAGEWEB_STORAGE_QUOTA_MB")
        parser.add_argument("--alasan", default="", help="Alasan, dicatat di log tindakan")

    def handle(self, *args, **options):
        try:
            village, before, after = village_storage_quota_set(
                code=options["code"],
                megabytes=None if options["bawaan"] else options["mb"],
                actor=command_actor(),
                reason=options["alasan"],
            )
        except LifecycleError as error:
            raise CommandError(str(error)) from error
        change = storage_quota_change_text(before, after)
        self.stdout.write(self.style.SUCCESS(f"Kuota penyimpanan {village.display_name}: {change}"))
        self.stdout.write(storage_usage(village).text)
