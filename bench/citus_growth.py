"""Benchmark: villages imported step by step up to a province's size, on one server and on the cluster:
how the import rate and every node's catalogue change as the platform grows.

    bash bin/citus start
    python bench/citus_growth.py --villages 2000 --step 250 [--only single|cluster] [--budget-minutes 90]

The list is bench/scale_villages.py's (Tuban's 328 real villages, then a generated Jawa Timur-style
list); each step writes one CSV per regency and imports it with `manage.py import_villages` and
`VILLAGEWEB_REGENCY_CODE` set, as each regency's operator would. The targets are bench/citus.py's,
one after the other: "single", a plain PostgreSQL 15 server it starts (port 9709), then "cluster",
bin/citus's coordinator and workers, each in the scratch database `villageweb_bench` after
`init_platform`. Per step: villages in all, the step's seconds and villages a second, and
`pg_class` rows on every node. A target stops after the step that outruns `--budget-minutes` (the
figures then say how far it got, in how long). Writes docs/scaling/citus-growth.json after every
step, so a run cut short still leaves its figures.
"""

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from bench.citus import (  # noqa: E402  (project on the path)
    SCHEMAS_PER_NODE,
    Target,
    catalog_rows,
    cluster_drop,
    cluster_start,
    psql,
    single_start,
    single_stop,
)
from bench.scale_villages import rows_write, village_rows  # noqa: E402

RESULT = PROJECT / "docs" / "scaling" / "citus-growth.json"


def import_step(target: Target, rows: list[dict], folder: Path) -> tuple[int, float]:
    """Import `rows`, one file (and one `import_villages` process) per regency; villages made, seconds."""
    by_regency = defaultdict(list)
    for row in rows:
        by_regency[row["code"][:5]].append(row)
    created, seconds = 0, 0.0
    for regency, group in by_regency.items():
        path = rows_write(group, folder / f"{regency}-{group[0]['code']}.csv")
        _, output = target.manage(
            "import_villages", str(path), env={**target.env, "VILLAGEWEB_REGENCY_CODE": regency}
        )
        found = re.search(r"Selesai dalam ([\d.]+) detik: (\d+) desa dibuat, (\d+) sudah ada", output)
        if not found or "0 baris gagal" not in output:
            raise SystemExit(f"[{target.name}] import_villages {path.name}:\n{output[-3000:]}")
        created += int(found[2])
        seconds += float(found[1])
    return created, seconds


def grow(target: Target, rows: list[dict], step: int, budget_s: float, run: dict) -> None:
    print(f"== {target.name}: {target.url}", flush=True)
    seconds, _ = target.manage("init_platform")
    figures = run.setdefault(target.name, {"init_platform_s": round(seconds, 1), "steps": []})
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="villageweb-growth-") as folder:
        for first in range(0, len(rows), step):
            made, step_s = import_step(target, rows[first : first + step], Path(folder))
            catalog = catalog_rows(target)
            row = {
                "villages": first + made,
                "step_villages": made,
                "step_s": round(step_s, 1),
                "villages_per_s": round(made / step_s, 3) if step_s else None,
                "elapsed_s": round(time.monotonic() - started, 1),
                "pg_class_rows": catalog,
            }
            figures["steps"].append(row)
            print(f"  [{target.name}] {json.dumps(row)}", flush=True)
            RESULT.write_text(json.dumps(run, indent=2) + "\n")
            if time.monotonic() - started > budget_s and first + step < len(rows):
                figures["stopped"] = f"budget of {budget_s / 60:.0f} minutes spent at {first + made} villages"
                print(f"  [{target.name}] {figures['stopped']}", flush=True)
                break
    if target.name == "cluster":
        figures["schemas_per_node"] = {port: int(n) for port, n in psql(target.url, SCHEMAS_PER_NODE)}
    RESULT.write_text(json.dumps(run, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--villages", type=int, default=2000)
    parser.add_argument("--step", type=int, default=250)
    parser.add_argument("--only", choices=("single", "cluster"))
    parser.add_argument("--budget-minutes", type=float, default=240, help="per target")
    parser.add_argument("--keep", action="store_true", help="keep both scratch databases")
    options = parser.parse_args()
    options.sample = 0  # bench/citus.py's Target: no spare schemas (the import replays the template)
    rows = village_rows(options.villages)
    run = {
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average_1min_at_start": round(os.getloadavg()[0], 2),
        "cores": os.cpu_count(),
        "villages": options.villages,
        "step": options.step,
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    for name in ("single", "cluster"):
        if options.only and options.only != name:
            continue
        url = single_start() if name == "single" else cluster_start()
        target = Target(name, url, options)
        try:
            grow(target, rows, options.step, options.budget_minutes * 60, run)
        finally:
            if options.keep:
                pass
            elif name == "single":
                single_stop()
            else:
                cluster_drop(url)
    run["finished"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    RESULT.write_text(json.dumps(run, indent=2) + "\n")
    print(f"\n{RESULT.relative_to(PROJECT)} ditulis.")


if __name__ == "__main__":
    main()
