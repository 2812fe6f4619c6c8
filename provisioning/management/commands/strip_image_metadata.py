from django.core.management.base import BaseCommand, CommandError

from provisioning.services.media import MediaUpkeepError, site_images_strip, sites_for_media


class Command(BaseCommand):
    help = (
        "Hapus lokasi GPS dan data pribadi lain (EXIF, XMP, komentar) dari gambar yang tersimpan "
        "sebelum pembersihan otomatis ada; gambar ditegakkan sesuai orientasinya dan ukuran turunannya "
        "dibuat ulang. Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--village",
            metavar="KODE",
            help="Hanya situs dengan kode ini (tanpa pilihan ini: semua situs dan portal).",
        )

    def handle(self, *args, village=None, **options):
        try:
            sites = sites_for_media(code=village)
        except MediaUpkeepError as error:
            raise CommandError(str(error)) from error
        cleaned = unreadable = 0
        for site in sites:
            result = site_images_strip(site=site)
            cleaned += result.cleaned
            unreadable += result.unreadable
            name = f"{site.code or 'portal'} {site.display_name}"
            line = f"{name}: {result.cleaned} gambar dibersihkan, {result.clean} sudah bersih"
            if result.unreadable:
                line += f", {result.unreadable} tidak terbaca (berkas aslinya hilang atau rusak)"
            self.stdout.write(line)
        summary = f"Selesai: {cleaned} gambar dibersihkan di {len(sites)} situs."
        if unreadable:
            warning = f"{summary} {unreadable} gambar tidak terbaca, lihat di atas."
            self.stdout.write(self.style.WARNING(warning))
        else:
            self.stdout.write(self.style.SUCCESS(summary))
