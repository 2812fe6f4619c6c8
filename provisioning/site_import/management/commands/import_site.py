"""python manage.py import_site --village CODE (--wordpress EXPORT.xml | --opensid BACKUP.sql|mysql://...)
[--media DIR] [--dry-run] [--json]: docs/migrating.md."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from provisioning.site_import.items import SiteImportError
from provisioning.site_import.services import site_import
from provisioning.site_import.sources import site_read


class Command(BaseCommand):
    help = "Mengimpor situs lama desa (ekspor WordPress atau cadangan/basis data OpenSID)."

    def add_arguments(self, parser):
        parser.add_argument("--village", required=True, help="Kode Kemendagri desa tujuan.")
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--wordpress", type=Path, help="Berkas ekspor WordPress (WXR, .xml).")
        source.add_argument(
            "--opensid", help="Cadangan basis data OpenSID (.sql) atau mysql://pengguna@host/basisdata."
        )
        parser.add_argument(
            "--media", type=Path, help="Folder unggahan situs lama (wp-content/uploads atau desa/upload)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Hanya laporkan apa yang akan diimpor.")
        parser.add_argument("--json", action="store_true", help="Laporan dalam JSON.")

    def handle(self, *args, **options):
        try:
            site = site_read(wordpress=options["wordpress"], opensid=options["opensid"])
            report = site_import(
                village_code=options["village"],
                site=site,
                media_dir=options["media"],
                dry_run=options["dry_run"],
            )
        except SiteImportError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        data = report.as_dict()
        heading = "Uji coba (tidak ada yang disimpan)" if report.dry_run else "Impor selesai"
        self.stdout.write(f"{heading}: desa {report.village}, sumber {report.source}.")
        for kind, number in data["counts"].items():
            updated = data["updated"].get(kind, 0)
            self.stdout.write(f"  {kind}: {number} baru" + (f", {updated} diperbarui" if updated else ""))
        for kind, number in data["updated"].items():
            if kind not in data["counts"]:
                self.stdout.write(f"  {kind}: {number} diperbarui")
        if report.skipped:
            self.stdout.write(f"Dilewati ({len(report.skipped)}):")
            for item in report.skipped:
                self.stdout.write(f"  - {item['kind']} {item['id']} {item['title']}: {item['reason']}")
        self.stdout.write(data["personal_data"])
