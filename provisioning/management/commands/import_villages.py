import json
import re

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from provisioning.audit import command_actor
from provisioning.handover import handover_sheets_write
from provisioning.importing import village_list_import
from provisioning.village_list import VillageListUnreadable
from tenants.models import DISTRICT_CODE_PATTERN


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(round(seconds)), 60)
    return f"{minutes}:{seconds:02d}"


class Command(BaseCommand):
    help = (
        "Impor desa/kelurahan dari daftar kode Kemendagri (code,name,kind,district_code,district_name). "
        "Aman diulang: kode yang sudah ada dilewati."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Berkas CSV, misalnya provisioning/data/tuban_villages.csv")
        parser.add_argument("--district", help="Hanya satu kecamatan, kode PP.KK.CC (misalnya 35.23.01)")
        parser.add_argument("--limit", type=int, help="Buat paling banyak N desa baru pada putaran ini")
        parser.add_argument("--json", action="store_true", help="Cetak satu objek JSON saja")
        parser.add_argument("--handover", metavar="DIR", help="Tulis lembar serah terima ke DIR")

    def handle(self, *args, **options):
        district = options["district"]
        if district and not re.match(DISTRICT_CODE_PATTERN, district):
            raise CommandError(f"Kode kecamatan '{district}' tidak valid: gunakan format PP.KK.CC.")
        if options["limit"] is not None and options["limit"] < 0:
            raise CommandError("--limit tidak boleh negatif.")
        show_progress = not options["json"] and self.stdout.isatty()
        try:
            result = village_list_import(
                path=options["path"],
                actor=command_actor(),
                district_code=district,
                limit=options["limit"],
                on_progress=self._progress if show_progress else None,
            )
        except VillageListUnreadable as error:
            raise CommandError(str(error)) from error
        if show_progress and result.created or show_progress and result.errors:
            self.stdout.write("")
        sheets = []
        if options["handover"] and result.created:
            sheets = handover_sheets_write(created=result.created, directory=options["handover"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            self._summary(result, sheets)
        if result.errors:
            raise CommandError(f"{len(result.errors)} baris gagal diimpor.")

    def _progress(self, progress):
        width = 30
        filled = width * progress.done // progress.total
        eta = "-:--" if progress.eta is None else _duration(progress.eta)
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {progress.done}/{progress.total} "
            f"desa, sisa waktu ±{eta}   ",
            ending="",
        )
        self.stdout.flush()

    def _summary(self, result, sheets):
        if not sheets:
            for entry in result.created:
                expires = parse_datetime(entry["setup_expires_at"]).strftime("%d-%m-%Y %H:%M")
                self.stdout.write(
                    f"{entry['code']} {entry['url']} pengguna {entry['admin_username']}, tautan atur kata "
                    f"sandi {entry['setup_url']} (berlaku sampai {expires})"
                )
        for error in result.errors:
            self.stderr.write(f"Baris {error.line} ({error.code or 'tanpa kode'}): {error.reason}")
        for entry in result.skipped:
            if entry["name_changed"]:
                self.stdout.write(
                    self.style.WARNING(
                        f"Nama berubah, tidak diterapkan: {entry['code']} '{entry['name']}' -> "
                        f"'{entry['name_in_list']}' (ubah lewat admin Diskominfo bila benar)"
                    )
                )
        self.stdout.write(
            f"Selesai dalam {result.seconds:.1f} detik: {len(result.created)} desa dibuat, "
            f"{len(result.skipped)} sudah ada (dilewati), {len(result.errors)} baris gagal."
        )
        if sheets:
            self.stdout.write(f"Lembar serah terima: {sheets[0].parent} ({len(sheets) - 1} kecamatan)")
        elif result.created:
            self.stdout.write(
                "Tautan atur kata sandi di atas hanya ditampilkan sekali; --handover DIR menulis lembar "
                "serah terima yang siap cetak."
            )
