"""`manage.py import_holidays PATH`: add or correct national holidays and cuti bersama (CSV)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from villageweb.cases.holidays import HolidayFileError, holiday_rows_read, holidays_load
from villageweb.cases.models import Holiday


class Command(BaseCommand):
    help = "Memuat hari libur nasional dan cuti bersama dari berkas CSV (date,name,kind)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            rows = holiday_rows_read(path)
        except (OSError, HolidayFileError) as error:
            raise CommandError(str(error)) from error
        with transaction.atomic():
            count = holidays_load(Holiday, rows)
        self.stdout.write(f"{count} hari libur dimuat.")
