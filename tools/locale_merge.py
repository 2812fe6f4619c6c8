"""Rebuild the project's Indonesian catalogues from the installed Wagtail and our own translations.

Usage (from the project root, with the virtualenv active):

    python tools/locale_merge.py            # update sources, write the merged .po and compiled .mo
    python tools/locale_merge.py --check    # exit 1 if anything would change (used by the tests)

Wagtail ships English source catalogues (``<app>/locale/en/LC_MESSAGES/*.po``) and a partial Indonesian
one (``id_ID``). Our translations live in ``villageweb/locale_sources/id/<domain>/<app>.po``, one file per
app, holding every msgid of that app. A run:

1. brings each source file in line with the installed app's English catalogue: new msgids are added
   (pre-filled with Wagtail's own Indonesian when it has a non-fuzzy one, adjusted to our glossary),
   msgids that disappeared are marked obsolete, our translations are kept;
2. writes ``villageweb/locale/id/LC_MESSAGES/<domain>.po`` with every translated entry (the project's
   own file first, then the apps in the order of ``SOURCES``), which ``LOCALE_PATHS`` puts in front of
   every app catalogue;
3. compiles the ``.mo`` next to it in pure Python (polib), so no gettext tools are needed.

After a Wagtail upgrade: re-run, translate the empty entries the run reports, re-run.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib

PROJECT_DIR = Path(__file__).resolve().parent.parent
SOURCES_DIR = PROJECT_DIR / "villageweb" / "locale_sources" / "id"
OUTPUT_DIR = PROJECT_DIR / "villageweb" / "locale" / "id" / "LC_MESSAGES"

# (domain, package): the apps whose screens a village editor sees, most specific first so that a
# msgid shared by two apps takes the wording of the screen it mostly appears on.
SOURCES = [
    ("django", "villageweb"),
    ("django", "wagtail.admin"),
    ("django", "wagtail"),
    ("django", "wagtail.images"),
    ("django", "wagtail.documents"),
    ("django", "wagtail.snippets"),
    ("django", "wagtail.users"),
    ("django", "wagtail.contrib.forms"),
    ("django", "wagtail.contrib.settings"),
    ("django", "wagtail.contrib.redirects"),
    ("django", "wagtail.contrib.table_block"),
    ("django", "wagtail.contrib.typed_table_block"),
    ("django", "wagtail.sites"),
    ("django", "wagtail.search"),
    ("django", "wagtail.embeds"),
    ("django", "wagtail.locales"),
    ("django", "taggit"),
    ("django", "django.contrib.auth"),
    ("djangojs", "wagtail.admin"),
]
# The project's own strings have no English catalogue: their source file is the source of truth.
PROJECT_PACKAGE = "villageweb"
UPSTREAM_LOCALES = ("id", "id_ID")

HEADER = {
    "Project-Id-Version": "VillageWeb",
    "Language": "id",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}

# Wagtail's Indonesian uses several words for one thing; these bring copied strings to our glossary
# (docs/translation.md). Applied only to translations copied from Wagtail, never to ours.
GLOSSARY_FIXES = [
    (r"\bPublikasikan\b", "Terbitkan"),
    (r"\bpublikasikan\b", "terbitkan"),
    (r"\bMempublikasikan\b", "Menerbitkan"),
    (r"\bmempublikasikan\b", "menerbitkan"),
    (r"\bmempublikasi\b", "menerbitkan"),
    (r"\bTerpublikasi\b", "Tayang"),
    (r"\bterpublikasi\b", "tayang"),
    (r"\bTarik publikasi\b", "Batalkan terbit"),
    (r"\btarik publikasi\b", "batalkan terbit"),
    (r"\bkonsep\b", "draf"),
    (r"\bKonsep\b", "Draf"),
    (r"\banda\b", "Anda"),
    (r"\bdisini\b", "di sini"),
    (r"\balur kerja\b", "alur persetujuan"),
    (r"\bAlur kerja\b", "Alur persetujuan"),
    (r"\bEmail/Surel\b", "Email"),
    (r"\bsurel\b", "email"),
    (r"\bSurel\b", "Email"),
    (r"\bkadaluarsa\b", "kedaluwarsa"),
    (r"\bKadaluarsa\b", "Kedaluwarsa"),
    (r"\bGalat\b", "Kesalahan"),
    (r"\bBatal Publikasi\b", "Batalkan terbit"),
    (r"\bmenarik publikasi\b", "membatalkan terbit"),
    (r"\bditarik dari publikasi\b", "dibatalkan terbitnya"),
    (r"\bPublikasi\b", "Terbitkan"),
    (r"\bdipublikasi\b", "diterbitkan"),
    (r"\bdimoderasi\b", "disetujui"),
    (r"\buntuk moderasi\b", "untuk disetujui"),
    (r"\bmoderasi\b", "persetujuan"),
    (r"\bsub-halaman\b", "subhalaman"),
    (r"\bhalaman turunan\b", "subhalaman"),
    (r"\bturunan halaman\b", "subhalaman"),
    (r"\brevisi\b", "versi"),
    (r"\bPotongan\b", "Cuplikan"),
    (r"\bpotongan\b", "cuplikan"),
    (r"\bmanapun\b", "mana pun"),
    (r"\bapapun\b", "apa pun"),
    (r"\bSilahkan\b", "Silakan"),
    (r"\b([Dd]i)?([Pp])erbaharui\b", r"\1\2erbarui"),
    (r"\bAlur Kerja\b", "Alur persetujuan"),
    (r"\b([Kk]oleksi|[Hh]alaman|[Gg]ambar|[Ss]itus|[Ii]zin|[Kk]olom)-\1\b", r"\1"),
    (r"\bversi aktif\b", "versi tayang"),
    (r"\bnotifikasi\b", "pemberitahuan"),
    (r"\bTipe\b", "Jenis"),
    (r"\btipe\b", "jenis"),
    (r"\bDefault\b", "Bawaan"),
    (r"\bdefault\b", "bawaan"),
    (r"\bMengapa tidak\b", "Mau"),
    (r"\b[Vv]ersi aktif\b", "Versi tayang"),
    (r"(?<![Kk]ata )\bsandi\b", "kata sandi"),
    (r"^Sandi\b", "Kata sandi"),
    (r"\.\.\.$", "…"),
]

PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxX%]|\{[A-Za-z_][A-Za-z0-9_]*\}")


@dataclass
class Report:
    path: Path
    total: int
    translated: int

    @property
    def missing(self) -> int:
        return self.total - self.translated


def package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"Paket {package} tidak terpasang.")
    return Path(next(iter(spec.submodule_search_locations)))


def entry_key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def is_translated(entry: polib.POEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def translation_of(entry: polib.POEntry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def placeholders(text: str) -> set[str]:
    return {p for p in PLACEHOLDER.findall(text) if p != "%%"}


def placeholder_errors(entry: polib.POEntry) -> list[str]:
    """Placeholders a translation adds or drops.

    With nplurals=1 the one form is used for every count, so it is checked against msgid_plural: it
    may leave out a named count ("%(counter)s") but must keep positional ones, which must all be used.
    """
    if not is_translated(entry):
        return []
    if not entry.msgid_plural:
        got, wanted = placeholders(entry.msgstr), placeholders(entry.msgid)
        return [] if got == wanted else [f"{entry.msgid!r}: {sorted(got)} != {sorted(wanted)}"]
    got = placeholders(entry.msgstr_plural[0])
    wanted = placeholders(entry.msgid_plural) | placeholders(entry.msgid)
    positional = {p for p in wanted if not p.startswith(("%(", "{"))}
    if got - wanted or not positional <= got:
        return [f"{entry.msgid_plural!r}: {sorted(got)} != {sorted(wanted)}"]
    return []


def glossary_apply(text: str) -> str:
    for pattern, replacement in GLOSSARY_FIXES:
        text = re.sub(pattern, replacement, text)
    return text


def upstream_catalogue(package: str, domain: str) -> dict[tuple[str, str], polib.POEntry]:
    found = {}
    for locale in UPSTREAM_LOCALES:
        path = package_dir(package) / "locale" / locale / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            for entry in polib.pofile(str(path)):
                if is_translated(entry):
                    found.setdefault(entry_key(entry), entry)
    return found


def new_catalogue() -> polib.POFile:
    po = polib.POFile(wrapwidth=110)
    po.metadata = dict(HEADER)
    return po


def source_path(domain: str, package: str) -> Path:
    return SOURCES_DIR / domain / f"{package}.po"


def source_update(domain: str, package: str) -> polib.POFile:
    """Our source file for one app, brought in line with the app's installed English catalogue."""
    path = source_path(domain, package)
    ours = polib.pofile(str(path), wrapwidth=110) if path.exists() else new_catalogue()
    ours.metadata = dict(HEADER)
    if package == PROJECT_PACKAGE:
        return ours
    english_path = package_dir(package) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    english = [e for e in polib.pofile(str(english_path)) if e.msgid]
    upstream = upstream_catalogue(package, domain)
    by_key = {entry_key(e): e for e in ours}
    result = new_catalogue()
    for source in english:
        entry = by_key.pop(entry_key(source), None)
        if entry is None:
            entry = polib.POEntry(
                msgctxt=source.msgctxt, msgid=source.msgid, msgid_plural=source.msgid_plural
            )
            found = upstream.get(entry_key(source))
            text = glossary_apply(translation_of(found)) if found else ""
            if source.msgid_plural:
                entry.msgstr_plural = {0: text}
            else:
                entry.msgstr = text
        entry.obsolete = False
        entry.msgid_plural = source.msgid_plural
        if source.msgid_plural and not entry.msgstr_plural:
            entry.msgstr_plural = {0: entry.msgstr}
            entry.msgstr = ""
        entry.occurrences = []
        entry.comment = source.comment
        entry.flags = [f for f in entry.flags if f == "fuzzy"] + [
            f for f in source.flags if f != "fuzzy" and f.endswith("-format")
        ]
        result.append(entry)
    for leftover in by_key.values():
        if is_translated(leftover) or leftover.obsolete:
            leftover.obsolete = True
            result.append(leftover)
    return result


def merged_catalogue(sources: list[tuple[str, polib.POFile]]) -> polib.POFile:
    merged = new_catalogue()
    seen = set()
    for _, po in sources:
        for entry in po:
            if not is_translated(entry) or entry_key(entry) in seen:
                continue
            seen.add(entry_key(entry))
            merged.append(
                polib.POEntry(
                    msgctxt=entry.msgctxt,
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgstr=entry.msgstr,
                    msgstr_plural=dict(entry.msgstr_plural),
                    flags=[f for f in entry.flags if f.endswith("-format")],
                )
            )
    return merged


def mo_bytes(po: polib.POFile) -> bytes:
    """The compiled catalogue, built in memory (polib only writes files, so go through one)."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "catalogue.mo"
        po.save_as_mofile(str(target))
        return target.read_bytes()


def catalogues_build() -> tuple[dict[Path, bytes], list[Report], list[str]]:
    """Every file the merge would write, with per-source counts and placeholder errors."""
    files: dict[Path, bytes] = {}
    reports, errors = [], []
    by_domain: dict[str, list[tuple[str, polib.POFile]]] = {}
    for domain, package in SOURCES:
        po = source_update(domain, package)
        live = [e for e in po if not e.obsolete]
        reports.append(Report(source_path(domain, package), len(live), sum(map(is_translated, live))))
        for entry in live:
            errors.extend(f"{domain}/{package}: {e}" for e in placeholder_errors(entry))
        files[source_path(domain, package)] = str(po).encode()
        by_domain.setdefault(domain, []).append((package, po))
    for domain, sources in by_domain.items():
        merged = merged_catalogue(sources)
        files[OUTPUT_DIR / f"{domain}.po"] = str(merged).encode()
        files[OUTPUT_DIR / f"{domain}.mo"] = mo_bytes(merged)
    return files, reports, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if files are stale")
    args = parser.parse_args(argv)
    files, reports, errors = catalogues_build()
    for report in reports:
        name = report.path.relative_to(SOURCES_DIR)
        sys.stdout.write(f"{name}: {report.translated}/{report.total} diterjemahkan\n")
    for error in errors:
        sys.stderr.write(f"Placeholder tidak cocok: {error}\n")
    stale = [path for path, data in files.items() if not path.exists() or path.read_bytes() != data]
    if args.check:
        for path in stale:
            sys.stderr.write(f"Perlu diperbarui: {path.relative_to(PROJECT_DIR)}\n")
        return 1 if stale or errors else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        sys.stdout.write(f"Ditulis: {path.relative_to(PROJECT_DIR)}\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
