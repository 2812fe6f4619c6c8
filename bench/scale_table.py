"""Print docs/scaling/scale.json (bench/scale.py's figures) as the Markdown table of docs/scaling.md."""

import json
import sys
from pathlib import Path

PATH = Path(__file__).resolve().parent.parent / "docs" / "scaling" / "scale.json"


def _cell(value, digits: int = 1) -> str:
    if value is None:
        return "failed"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


ROWS = [
    ("provisioning one more village, from a spare: p50 (s)", lambda s: _cell(s.get("provision_p50_s"), 2)),
    (
        "import: villages / seconds (includes the template snapshot)",
        lambda s: f"{s['import_villages']} / {s['import_seconds']:.0f}" if s.get("import_villages") else "-",
    ),
    ("pg_class rows", lambda s: _cell(s["pg_class_rows"])),
    ("relation files", lambda s: _cell(s["relation_files"])),
    ("database size (MiB)", lambda s: _cell(s["database_mib"], 0)),
    ("pg_dump of one village schema (s)", lambda s: _cell(s["pg_dump_village_s"])),
    ("pg_dump of the whole database (s)", lambda s: _cell(s["pg_dump_all_s"])),
    (
        "migrate_villages, one column: command's own time / with start-up (s)",
        lambda s: f"{_cell(s.get('migrate_villages_inner_s'))} / {_cell(s.get('migrate_villages_s'))}",
    ),
    (
        "village home, first request per host: p50 / p99 (ms)",
        lambda s: f"{s['probe']['home_p50_ms']:.0f} / {s['probe']['home_p99_ms']:.0f}",
    ),
    (
        "portal Berita Desa, page cache emptied: p95 (ms)",
        lambda s: _cell(s["probe"]["portal_berita_p95_ms"], 0),
    ),
    ("health dashboard (s)", lambda s: _cell(s["probe"]["health_s"])),
    (
        "web process RSS before / after every village (MiB)",
        lambda s: f"{s['probe']['process_rss_before_mib']:.0f} / {s['probe']['process_rss_after_mib']:.0f}",
    ),
    (
        "content-type cache: schemas held / bound",
        lambda s: f"{s['probe']['content_type_cache_schemas']} / {s['probe']['content_type_cache_limit']}",
    ),
    (
        "its PostgreSQL backend: memory contexts / CacheMemoryContext (MiB)",
        lambda s: f"{s['probe']['backend_contexts_mib']:.0f} / {s['probe']['backend_cache_context_mib']:.0f}",
    ),
    ("its PostgreSQL backend: private RSS (MiB)", lambda s: _cell(s["probe"]["backend_anon_mib"], 0)),
]


def main() -> None:
    report = json.loads((Path(sys.argv[1]) if len(sys.argv) > 1 else PATH).read_text())
    steps = report["steps"]
    sys.stdout.write("| villages | " + " | ".join(str(step["villages"]) for step in steps) + " |\n")
    sys.stdout.write("| --- |" + " --- |" * len(steps) + "\n")
    for label, cell in ROWS:
        sys.stdout.write(f"| {label} | " + " | ".join(cell(step) for step in steps) + " |\n")


if __name__ == "__main__":
    main()
