from django.core.management.base import BaseCommand, CommandError

from provisioning.services.media import (
    MediaUpkeepError,
    bucket_policy_public,
    bucket_storage,
    site_media_acl_apply,
    sites_for_media,
)


class Command(BaseCommand):
    help = (
        "Media di bucket S3: beri setiap objek yang tersimpan ACL yang benar, public-read untuk gambar "
        "dan private untuk dokumen dan berkas lain. Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--village",
            metavar="KODE",
            help="Hanya situs dengan kode ini (tanpa pilihan ini: semua situs dan portal).",
        )

    def handle(self, *args, village=None, **options):
        try:
            storage = bucket_storage()
            sites = sites_for_media(code=village)
        except MediaUpkeepError as error:
            raise CommandError(str(error)) from error
        changed = 0
        for site in sites:
            result = site_media_acl_apply(site=site, storage=storage)
            changed += result.changed
            name = f"{site.code or 'portal'} {site.display_name}"
            self.stdout.write(f"{name}: {result.changed} objek diubah, {result.kept} sudah benar")
        self.stdout.write(self.style.SUCCESS(f"Selesai: {changed} objek diubah di {len(sites)} situs."))
        if bucket_policy_public(storage):
            self.stderr.write(
                self.style.ERROR(
                    f"Bucket {storage.bucket.name} punya kebijakan (bucket policy) yang membuka semua "
                    "objek untuk siapa saja: dokumen privat tetap terbaca. "
                    "Hapus kebijakan itu (docs/scaling.md)."
                )
            )
