"""Loading the holiday table from a CSV (`date,name,kind`): the data migration and `import_holidays`."""

import csv
import datetime
from pathlib import Path

HOLIDAYS_CSV = Path(__file__).parent / "data" / "holidays.csv"
KINDS = {"libur", "cuti_bersama"}


class HolidayFileError(ValueError):
    pass


def holiday_rows_read(path: Path) -> list[tuple[datetime.date, str, str]]:
    """The rows of a holiday CSV; a bad line raises HolidayFileError naming it."""
    rows = []
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"date", "name"} <= set(reader.fieldnames):
            raise HolidayFileError("Berkas harus berkolom date,name,kind (kind: libur atau cuti_bersama).")
        for number, row in enumerate(reader, start=2):
            try:
                day = datetime.date.fromisoformat((row.get("date") or "").strip())
            except ValueError:
                raise HolidayFileError(f"Baris {number}: tanggal harus berformat YYYY-MM-DD.") from None
            name = (row.get("name") or "").strip()[:200]
            kind = (row.get("kind") or "libur").strip() or "libur"
            if not name or kind not in KINDS:
                raise HolidayFileError(f"Baris {number}: nama wajib diisi, jenis libur atau cuti_bersama.")
            rows.append((day, name, kind))
    return rows


# A day not yet set by the year's SKB 3 Menteri: a lunar or Saka date computed ahead (data/holidays.csv).
ESTIMATE_MARK = "(perkiraan)"


def holidays_load(model, rows) -> int:
    """Insert or update each day; returns how many rows were written. The estimated days of every year
    the rows cover are dropped first: once Diskominfo loads that year's SKB, an estimate it moved does
    not stay behind as a second holiday."""
    years = {day.year for day, _, _ in rows}
    model.objects.filter(date__year__in=years, name__endswith=ESTIMATE_MARK).delete()
    for day, name, kind in rows:
        model.objects.update_or_create(date=day, defaults={"name": name, "kind": kind})
    return len(rows)
