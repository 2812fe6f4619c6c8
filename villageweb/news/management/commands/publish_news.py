import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from villageweb.news.services import NewsPublishError
from villageweb.news.services.publishing import news_publish


class Command(BaseCommand):
    help = "Terbitkan satu berita di halaman Berita sebuah desa (untuk skrip dan sistem lain)."

    def add_arguments(self, parser):
        parser.add_argument("--village", required=True, help="Kode Kemendagri desa, misalnya 35.23.01.2001")
        parser.add_argument("--title", required=True, help="Judul berita")
        parser.add_argument("--summary", required=True, help="Ringkasan satu atau dua kalimat")
        parser.add_argument("--body-file", help="Berkas teks isi berita; paragraf dipisah baris kosong")
        parser.add_argument("--image", help="Berkas gambar utama (JPEG, PNG, WebP)")
        parser.add_argument("--date", help="Tanggal berita YYYY-MM-DD; bila kosong hari ini")
        parser.add_argument("--json", action="store_true", help="Cetak satu objek JSON")

    def handle(self, *args, **options):
        date = None
        if options["date"]:
            try:
                date = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(
                    f"Tanggal '{options['date']}' tidak valid: "
                    "gunakan format YYYY-MM-DD, misalnya 2026-11-27."
                ) from error
        body_text = ""
        if options["body_file"]:
            try:
                body_text = Path(options["body_file"]).read_text(encoding="utf-8")
            except FileNotFoundError as error:
                raise CommandError(f"Berkas isi berita '{options['body_file']}' tidak ditemukan.") from error
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(
                    f"Berkas isi berita '{options['body_file']}' tidak dapat dibaca sebagai teks UTF-8."
                ) from error
        try:
            result = news_publish(
                village_code=options["village"],
                title=options["title"],
                summary=options["summary"],
                body_text=body_text,
                image_path=Path(options["image"]) if options["image"] else None,
                date=date,
            )
        except NewsPublishError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
            return
        self.stdout.write(self.style.SUCCESS(f"Berita diterbitkan: {result.url}"))
