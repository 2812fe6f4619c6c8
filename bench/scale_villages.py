"""The village list bench/scale.py grows the platform with: Tuban's 328 real villages first, then a
GENERATED province-style list in the same CSV format as provisioning/data/tuban_villages.csv.

The generated rows are not real places. Their codes follow the Kemendagri pattern PP.KK.DD.VVVV of
Jawa Timur (province 35, regency codes 35.01-35.29 without Tuban's 35.23; 20 kecamatan each,
kelurahan numbered from 1001 and desa from 2001), their names are built from common Javanese village
name parts, so subdomains, sorting and the roster look like a real province's.
"""

import csv
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
TUBAN = PROJECT_DIR / "provisioning" / "data" / "tuban_villages.csv"
COLUMNS = ["code", "name", "kind", "district_code", "district_name"]
_FIRST = "Sumber Karang Tegal Banyu Sido Wono Suko Mojo Kebon Ngadi Tanjung Jati Gedang Kali Watu".split()
_SECOND = "rejo mulyo agung harjo sari makmur wangi asri jaya kerto utomo luhur".split()
_SIDE = ["", " Lor", " Kidul", " Wetan", " Kulon", " Tengah"]
# Taken after every name of the parts above (1,080), so the first names stay what they were.
_MORE_FIRST = "Pandan Klampis Bendo Ngampel Pucang Randu Waru Dadap Kemiri Salam".split()
_MORE_SECOND = ["rahayu", "makmur jaya"]
REGENCIES = [f"35.{number:02d}" for number in range(1, 30) if number != 23]
DISTRICTS_PER_REGENCY = 20
VILLAGES_PER_DISTRICT = 20  # 2 kelurahan and 18 desa


def _names():
    """Distinct names: 2,100 in all (enough for the generated part of a 2,000-village run)."""
    seen = set()
    for firsts, seconds in ((_FIRST, _SECOND), (_FIRST + _MORE_FIRST, _SECOND + _MORE_SECOND)):
        for side in _SIDE:
            for first in firsts:
                for second in seconds:
                    name = f"{first}{second}{side}".replace("makmur jaya", "makmurjaya")
                    if name not in seen:
                        seen.add(name)
                        yield name


def village_rows(count: int) -> list[dict]:
    """The first `count` rows: Tuban's, then generated ones."""
    with TUBAN.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:count]
    names = _names()
    for regency in REGENCIES:
        for district in range(1, DISTRICTS_PER_REGENCY + 1):
            district_code = f"{regency}.{district:02d}"
            district_name = f"Kecamatan Uji {regency[3:]}-{district:02d}"
            for serial in range(VILLAGES_PER_DISTRICT):
                if len(rows) >= count:
                    return rows
                kind, number = ("kelurahan", 1001 + serial) if serial < 2 else ("desa", 2001 + serial - 2)
                rows.append(
                    {
                        "code": f"{district_code}.{number:04d}",
                        "name": next(names),
                        "kind": kind,
                        "district_code": district_code,
                        "district_name": district_name,
                    }
                )
    if len(rows) < count:
        raise SystemExit(f"the generated list holds at most {len(rows)} villages")
    return rows


def rows_write(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path
