"""Reading the Kemendagri code list (`code,name,kind,district_code,district_name`) for a bulk import.

Every row is checked on its own: a bad row is reported with its line number and reason, and the
good rows still go in. Subdomains are derived here from the whole file (see `list_subdomains`), so
that the same file gives the same subdomains on every run and every machine, whichever rows a run
filters with --district or --limit.
"""

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from provisioning import subdomains
from tenants.models import VILLAGE_CODE_PATTERN, Village

COLUMNS = ["code", "name", "kind", "district_code", "district_name"]
KINDS = Village.VILLAGE_KINDS


class VillageListUnreadable(Exception):
    """The file as a whole cannot be read (missing, not UTF-8, wrong header). Message in Indonesian."""


@dataclass(frozen=True)
class ListedVillage:
    line: int
    code: str
    name: str
    kind: str
    district_code: str
    district_name: str
    subdomain: str = ""
    # Further subdomains to try, in order, when an existing village already holds `subdomain`.
    fallbacks: tuple = ()


@dataclass(frozen=True)
class RowError:
    line: int
    code: str
    reason: str

    def as_dict(self) -> dict:
        return {"line": self.line, "code": self.code, "reason": self.reason}


@dataclass
class VillageList:
    villages: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def _clean(value: str) -> str:
    return " ".join(value.split())


def village_list_read(path: str | Path, *, regency_code: str = "") -> VillageList:
    """Parse and check the file. `regency_code` (PP.KK) defaults to the regency of the first good code."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise VillageListUnreadable(f"Berkas '{path}' tidak ditemukan.") from error
    except UnicodeDecodeError as error:
        raise VillageListUnreadable(f"Berkas '{path}' bukan teks UTF-8.") from error
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader, None)
    if header is None or [column.strip().lower() for column in header] != COLUMNS:
        raise VillageListUnreadable(
            f"Baris 1 harus berisi judul kolom {','.join(COLUMNS)}; ditemukan: {','.join(header or [])}."
        )
    result = VillageList()
    seen: dict[str, int] = {}
    candidates = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        code = _clean(row[0]) if row else ""
        problem, village = _row_check(row, line, seen, regency_code)
        if problem:
            result.errors.append(RowError(line=line, code=code, reason=problem))
            continue
        regency_code = regency_code or code[:5]
        seen[code] = line
        candidates.append(village)
    villages = list_subdomains(candidates)
    counts = Counter(village.subdomain for village in villages)
    for village in villages:
        if counts[village.subdomain] > 1:
            reason = f"subdomain '{village.subdomain}' tidak dapat dibuat unik: gunakan provision_village"
            result.errors.append(RowError(line=village.line, code=village.code, reason=reason))
        else:
            result.villages.append(village)
    result.errors.sort(key=lambda error: error.line)
    return result


def _row_check(row: list, line: int, seen: dict, regency_code: str) -> tuple:
    if len(row) != len(COLUMNS):
        return f"jumlah kolom {len(row)}, seharusnya {len(COLUMNS)}", None
    code, name, kind, district_code, district_name = (_clean(cell) for cell in row)
    if not re.match(VILLAGE_CODE_PATTERN, code):
        return f"kode '{code}' tidak berformat PP.KK.CC.DDDD", None
    if regency_code and code[:5] != regency_code:
        return f"kode di luar wilayah kabupaten {regency_code}", None
    if code in seen:
        return f"kode ganda: sudah ada di baris {seen[code]}", None
    if not name:
        return "nama desa kosong", None
    if kind not in KINDS:
        return f"jenis '{kind}' tidak dikenal: harus 'desa' atau 'kelurahan'", None
    if district_code != code.rsplit(".", 1)[0]:
        return f"kode kecamatan '{district_code}' tidak cocok dengan kode desa", None
    if not district_name:
        return "nama kecamatan kosong", None
    village = ListedVillage(
        line=line, code=code, name=name, kind=kind, district_code=district_code, district_name=district_name
    )
    return None, village


def list_subdomains(villages: list) -> list:
    """Give every village of the list its subdomain, the same way on every run.

    1. The name alone, as `provision_village` derives it ("Lajo Kidul" -> "lajo-kidul").
    2. A name whose subdomain occurs more than once in the list (or is reserved) gets the kecamatan
       appended for ALL its villages ("sugihwaras-parengan", "sugihwaras-bancar"): no village keeps
       the bare name just because it comes first in the file.
    3. Where that is still not unique (the same name twice in one kecamatan), every village of that
       group gets the last four digits of its code as well ("sumber-rejo-rengel-2005").
    Only the list decides, never the order of its rows or the rows a run selects.
    """
    plain = {village.code: subdomains.subdomain_from_name(village.name) for village in villages}
    with_district = {
        village.code: subdomains.subdomain_with_district(village.name, village.district_name)
        for village in villages
    }
    with_code = {
        village.code: f"{with_district[village.code][:58].strip('-')}-{village.code[-4:]}"
        for village in villages
    }
    plain_counts = Counter(plain.values())

    def step2(code: str) -> str:
        name = plain[code]
        if plain_counts[name] > 1 or subdomains.subdomain_problem(name):
            return with_district[code]
        return name

    chosen = {village.code: step2(village.code) for village in villages}
    chosen_counts = Counter(chosen.values())
    result = []
    for village in villages:
        code = village.code
        ladder = [plain[code], with_district[code], with_code[code]]
        subdomain = with_code[code] if chosen_counts[chosen[code]] > 1 else chosen[code]
        fallbacks = tuple(candidate for candidate in ladder[ladder.index(subdomain) + 1 :])
        result.append(
            ListedVillage(
                line=village.line,
                code=code,
                name=village.name,
                kind=village.kind,
                district_code=village.district_code,
                district_name=village.district_name,
                subdomain=subdomain,
                fallbacks=fallbacks,
            )
        )
    return result


# The regency's own Kemendagri list, shipped with the platform (provisioning/data/README.md): what a
# village made by hand in "Tambah desa" is checked against.
OFFICIAL_LIST = Path(__file__).resolve().parent / "data" / "tuban_villages.csv"


@lru_cache(maxsize=4)
def _official_villages(path: str) -> dict[str, ListedVillage]:
    return {village.code: village for village in village_list_read(path).villages}


def _comparable(text: str, prefixes: tuple[str, ...]) -> str:
    text = _clean(text).casefold()
    for prefix in prefixes:
        text = text.removeprefix(prefix)
    return text


def official_list_mismatches(*, code: str, name: str, district_name: str, kind: str) -> list[str]:
    """Where a desa or kelurahan typed by hand disagrees with the official list (Indonesian, one
    sentence each); empty when code, name, kecamatan and kind all agree."""
    official = _official_villages(str(getattr(settings, "VILLAGEWEB_OFFICIAL_VILLAGE_LIST", OFFICIAL_LIST)))
    listed = official.get(_clean(code))
    if listed is None:
        return [f"Kode {code} tidak ada di daftar resmi Kemendagri ({len(official)} desa/kelurahan)."]
    problems = []
    if _comparable(name, ("desa ", "kelurahan ")) != _comparable(listed.name, ()):
        problems.append(f"Kode {listed.code} adalah {listed.kind} {listed.name}, bukan '{name}'.")
    if _comparable(district_name, ("kecamatan ", "kec. ")) != _comparable(listed.district_name, ()):
        problems.append(
            f"{listed.kind.capitalize()} {listed.name} ada di Kecamatan {listed.district_name}, "
            f"bukan '{district_name}'."
        )
    if kind != listed.kind:
        problems.append(f"{listed.name} tercatat sebagai {listed.kind}, bukan {kind}.")
    return problems
