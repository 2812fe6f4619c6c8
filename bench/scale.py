"""Issue 18's benchmark: grow one platform to 100, 328, 852 and 2,000 villages and measure, at each
step, what grows with the number of villages.

    python bench/scale.py [--steps 100,328,852,2000] [--keep] [--db NAME] [--hosts N]
    python bench/scale.py --resume --steps 500 [--keep]   # go on from a run cut short (kill, then this)

Runs on its own embedded PostgreSQL server in var/bench-scale/pgdata (or, with DATABASE_URL set, on a
scratch database of that server), never the dev database; the scratch database `--db` is dropped and
created afresh. Villages come in through the project's own paths: `village_list_import` (what
`import_villages` runs; spare pool empty, so each village replays the template snapshot) for the bulk,
`village_provision` from a spare schema for the few timed singly. The list is Tuban's 328 real
villages, then a generated province-style list (bench/scale_villages.py: Kemendagri-pattern codes, not
real places). At each step it prints and records:

- provisioning one more village (p50 of --sample), the import rate of the step's batch;
- pg_class rows, relation files, database size; pg_dump of one village schema and of the whole DB;
- migrate_villages for one new column in every schema (a fresh manage.py process, as operators run it);
- from one fresh process (bench/scale_probe.py, the Django test client, DEBUG off, no front cache):
  uncached home page p50/p99 over every village host (or --hosts sampled), portal Berita Desa p95
  with the portal page cache emptied before each request, the health dashboard (regency_health), the
  process's memory after touching every village, and its database backend's memory;
- at the last step, the same probe with the content-type cache unbounded, for comparison.

Figures go to docs/scaling/scale.json and PNG plots into docs/scaling/ (matplotlib, Agg backend;
`pip install -r requirements-bench.txt`), rewritten after every step, so a cut-short run keeps its
steps. Ratios are to the first step of the same run.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(PROJECT_DIR))
WORK = PROJECT_DIR / "var" / "bench-scale"
MIGRATIONS = WORK / "migrations"


def _log(message: str) -> None:
    sys.stdout.write(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}\n")
    sys.stdout.flush()


def _query(sql: str):
    from django.db import connection

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def _pg_env() -> dict:
    from django.db import connection

    from villageweb.database import client_environment

    return {**os.environ, **client_environment(connection.settings_dict)}


def _pg_dump(*args: str, timeout: int) -> tuple[float | None, str]:
    """Seconds of `pg_dump args -f /dev/null`, or (None, why it failed)."""
    from provisioning.pg_tools import pg_tool

    began = time.monotonic()
    try:
        result = subprocess.run(
            [pg_tool("pg_dump"), "--no-owner", "--no-privileges", "-f", "/dev/null", *args],
            env=_pg_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, f"timeout after {timeout} s"
    if result.returncode:
        lines = result.stderr.strip().splitlines() or ["?"]
        return None, " ".join(line for line in lines if "error" in line or "HINT" in line)[:300] or lines[-1]
    return time.monotonic() - began, ""


def _import(rows: list[dict], step: int) -> tuple[int, float]:
    """Create `rows` with village_list_import, one file per regency (the import checks that every code
    belongs to the configured regency, as a regency's operator would run it)."""
    from django.conf import settings
    from scale_villages import rows_write

    from provisioning.importing import village_list_import

    by_regency = defaultdict(list)
    for row in rows:
        by_regency[row["code"][:5]].append(row)
    created, seconds = 0, 0.0
    for regency, group in by_regency.items():
        settings.VILLAGEWEB_REGENCY_CODE = regency
        path = rows_write(group, WORK / f"import-{step}-{regency}.csv")
        result = village_list_import(path=str(path), actor="bench")
        if result.errors:
            raise SystemExit(f"import errors: {result.errors[:3]}")
        created += len(result.created)
        seconds += result.seconds
    return created, seconds


def _singles(rows: list[dict]) -> list[float]:
    """Provision each row alone from a spare schema (refilled untimed before each, as in production)."""
    from django.conf import settings
    from django.db import connection

    from provisioning import schema_clone
    from provisioning.services import village_provision

    times = []
    for row in rows:
        settings.VILLAGEWEB_REGENCY_CODE = row["code"][:5]
        schema_clone.spares_refill(size=1)
        began = time.monotonic()
        village_provision(
            code=row["code"],
            name=row["name"],
            kind=row["kind"],
            district_name=row["district_name"],
            setup_link=True,
            actor="bench",
        )
        times.append(time.monotonic() - began)
        connection.set_schema_to_public()
    return times


def _migration_write(number: int) -> None:
    package = MIGRATIONS / "scale_migrations"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").touch()
    dependencies = f'[("migrate_bench", "{number - 1:04d}_column_{number - 1}")]' if number > 1 else "[]"
    (package / f"{number:04d}_column_{number}.py").write_text(
        "from django.db import migrations\n\n\n"
        "class Migration(migrations.Migration):\n"
        f"    dependencies = {dependencies}\n"
        "    operations = [\n"
        "        migrations.RunSQL(\n"
        f'            "ALTER TABLE wagtailcore_page ADD COLUMN bench_scale_{number} '
        'boolean NOT NULL DEFAULT false",\n'
        f'            "ALTER TABLE wagtailcore_page DROP COLUMN bench_scale_{number}",\n'
        "        )\n"
        "    ]\n"
    )


def _migrate(number: int) -> tuple[float, str]:
    _migration_write(number)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.scale_settings",
        "BENCH_SCALE_MIGRATIONS": str(MIGRATIONS),
    }
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate_villages", "-v", "0"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - began
    if result.returncode:
        return None, "FAILED: " + result.stderr.strip()[-500:]
    return seconds, result.stdout.strip().splitlines()[-1]


def _probe(hosts: int, *, unbounded: bool = False) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "villageweb.settings.dev", "DJANGO_DEBUG": "0"}
    if unbounded:
        env["VILLAGEWEB_CONTENT_TYPE_CACHE_SCHEMAS"] = str(10**9)
    result = subprocess.run(
        [sys.executable, str(BENCH_DIR / "scale_probe.py"), "--hosts", str(hosts)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"probe failed: {result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _max_locks_set(locks: int, pgdata: Path) -> None:
    """Raise the embedded server's lock table as deploy/postgresql/villageweb.conf does (a restart)."""
    from django.db import connection
    from pgserver._commands import pg_ctl

    from villageweb.database import embedded_server

    if int(_query("SHOW max_locks_per_transaction")[0]) == locks:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER SYSTEM SET max_locks_per_transaction = {int(locks)}")
    connection.close()
    pg_ctl(["-w", "restart", "-m", "fast"], pgdata=pgdata, user=embedded_server().system_user)
    _log(f"max_locks_per_transaction = {_query('SHOW max_locks_per_transaction')[0]} (server restarted)")


def _measure_step(step: int, options, migration_number: int) -> dict:
    from django.conf import settings
    from scale_villages import village_rows

    from tenants.models import Village

    figures: dict = {"villages_target": step, "load_average_at_start": os.getloadavg()}
    rows = village_rows(step)
    # By code, not by count: a resumed run may find a gap where one village of a batch failed.
    existing = set(Village.objects.values_list("code", flat=True))
    missing = [row for row in rows if row["code"] not in existing]
    singles = min(options.sample, len(missing))
    batch = missing[: len(missing) - singles]
    if batch:
        settings.VILLAGEWEB_SPARE_SCHEMAS = 0
        created, seconds = _import(batch, step)
        figures.update(import_villages=created, import_seconds=seconds, import_rate=created / seconds)
        _log(f"import: {created} villages in {seconds:.1f} s ({created / seconds:.2f} villages/s)")
    single = _singles(missing[len(missing) - singles :])
    figures.update(provision_p50_s=statistics.median(single), provision_samples=single)
    villages = Village.objects.villages().count()
    figures["villages"] = villages
    _log(f"provisioning one more (from a spare): p50 {figures['provision_p50_s']:.3f} s of {len(single)}")

    figures["pg_class_rows"] = _query("SELECT count(*) FROM pg_class")[0]
    figures["relation_files"] = _query(
        "SELECT count(*) FROM pg_ls_dir('base/' || (SELECT oid FROM pg_database "
        "WHERE datname = current_database()))"
    )[0]
    figures["database_mib"] = _query("SELECT pg_database_size(current_database())")[0] / 2**20
    _log(
        f"catalog: {figures['pg_class_rows']} pg_class rows, {figures['relation_files']} relation files, "
        f"database {figures['database_mib']:.0f} MiB"
    )
    one_schema = Village.objects.villages().order_by("code").first().schema_name
    figures["pg_dump_village_s"], why = _pg_dump(f"--schema={one_schema}", timeout=600)
    figures["pg_dump_village_error"] = why
    figures["pg_dump_all_s"], why = _pg_dump(timeout=options.dump_timeout)
    figures["pg_dump_all_error"] = why
    _log(
        f"pg_dump one village: {figures['pg_dump_village_s']} s; whole database: "
        f"{figures['pg_dump_all_s']} s {why}"
    )

    figures["migrate_villages_s"], figures["migrate_villages_output"] = _migrate(migration_number)
    # The command's own figure, without the Python start-up (seconds on a loaded machine).
    inner = re.search(r"dalam ([0-9.]+) detik", figures["migrate_villages_output"])
    figures["migrate_villages_inner_s"] = float(inner.group(1)) if inner else None
    _log(
        f"migrate_villages, one new column: {figures['migrate_villages_s']} s "
        f"({figures['migrate_villages_output']})"
    )

    probe = _probe(options.hosts)
    figures["probe"] = probe
    _log(
        f"home over {probe['hosts']} hosts: p50 {probe['home_p50_ms']:.1f} ms, p99 "
        f"{probe['home_p99_ms']:.1f} ms ({probe['failures']} not 200); Berita Desa p95 "
        f"{probe['portal_berita_p95_ms']:.1f} ms; health dashboard {probe['health_s']} s "
        f"{probe['health_error']}"
    )
    _log(
        f"process RSS {probe['process_rss_before_mib']:.0f} -> {probe['process_rss_after_mib']:.0f} MiB "
        f"(content-type cache {probe['content_type_cache_schemas']}/{probe['content_type_cache_limit']} "
        f"schemas); its backend: contexts {probe['backend_contexts_mib']:.1f} MiB "
        f"(CacheMemoryContext {probe['backend_cache_context_mib']:.1f}), anon RSS "
        f"{probe['backend_anon_mib']:.1f} MiB; {probe['db_client_connections']} client connections"
    )
    if step == options.steps[-1] and not options.no_unbounded:
        figures["probe_unbounded"] = unbounded = _probe(options.hosts, unbounded=True)
        _log(
            f"same probe, content-type cache unbounded: RSS {unbounded['process_rss_after_mib']:.0f} MiB "
            f"({unbounded['content_type_cache_schemas']} schemas), home p50 {unbounded['home_p50_ms']:.1f} ms"
        )
    return figures


RATIOS = [
    ("provision_p50_s", "provisioning one more", False),
    ("import_rate", "import rate", False),
    ("pg_class_rows", "pg_class rows per village", True),
    ("database_mib", "database size per village", True),
    ("pg_dump_village_s", "pg_dump of one village", False),
    ("pg_dump_all_s", "pg_dump whole database per village", True),
    ("migrate_villages_inner_s", "migrate_villages per village", True),
]
PROBE_RATIOS = [
    ("home_p50_ms", "home p50"),
    ("home_p99_ms", "home p99"),
    ("portal_berita_p95_ms", "Berita Desa p95"),
    ("health_s", "health dashboard"),
    ("process_rss_after_mib", "process RSS after every village"),
    ("backend_contexts_mib", "backend memory"),
]


def _ratios(steps: list[dict]) -> None:
    base, last = steps[0], steps[-1]
    if base is last:
        return
    _log(
        f"ratios, {last['villages']} villages to {base['villages']} "
        f"(x{last['villages'] / base['villages']:.1f}):"
    )
    for key, label, per_village in RATIOS:
        if base.get(key) and last.get(key):
            ratio = last[key] / base[key]
            if per_village:
                ratio /= last["villages"] / base["villages"]
            _log(f"  {label}: x{ratio:.2f}")
    for key, label in PROBE_RATIOS:
        if base["probe"].get(key) and last["probe"].get(key):
            _log(f"  {label}: x{last['probe'][key] / base['probe'][key]:.2f}")


def _plot(steps: list[dict], folder: Path) -> None:
    try:
        import matplotlib
    except ImportError:
        _log("matplotlib missing (pip install -r requirements-bench.txt): no plots")
        return
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [step["villages"] for step in steps]

    def series(key, probe=False, scale=1.0, source="probe"):
        return [((step.get(source) or {}).get(key) if probe else step.get(key)) for step in steps]

    def figure(name, title, ylabel, lines):
        fig, axis = plt.subplots(figsize=(7, 4.2), dpi=110)
        for label, values in lines:
            points = [(a, b) for a, b in zip(x, values, strict=True) if b is not None]
            if points:
                axis.plot(*zip(*points, strict=True), marker="o", label=label)
        axis.set_title(title)
        axis.set_xlabel("villages (schemas)")
        axis.set_ylabel(ylabel)
        axis.grid(alpha=0.3)
        axis.legend()
        fig.tight_layout()
        fig.savefig(folder / f"{name}.png")
        plt.close(fig)

    figure(
        "provisioning",
        "Provisioning",
        "seconds / villages per second",
        [
            ("one more village, from a spare: p50 (s)", series("provision_p50_s")),
            ("import rate (villages/s)", series("import_rate")),
        ],
    )
    figure(
        "catalog",
        "PostgreSQL catalog and disk",
        "count / MiB",
        [
            ("pg_class rows / 100", [v / 100 for v in series("pg_class_rows")]),
            ("relation files / 100", [v / 100 for v in series("relation_files")]),
            ("database size (MiB)", series("database_mib")),
        ],
    )
    figure(
        "operations",
        "Operations over every village",
        "seconds",
        [
            ("pg_dump one village", series("pg_dump_village_s")),
            ("pg_dump whole database", series("pg_dump_all_s")),
            ("migrate_villages, one column (command's own time)", series("migrate_villages_inner_s")),
            ("health dashboard", series("health_s", probe=True)),
        ],
    )
    figure(
        "requests",
        "Requests (one process, no front cache)",
        "milliseconds",
        [
            ("village home p50", series("home_p50_ms", probe=True)),
            ("village home p99", series("home_p99_ms", probe=True)),
            ("portal Berita Desa p95 (uncached)", series("portal_berita_p95_ms", probe=True)),
        ],
    )
    figure(
        "memory",
        "Memory after touching every village",
        "MiB",
        [
            ("web process RSS", series("process_rss_after_mib", probe=True)),
            ("its PostgreSQL backend (memory contexts)", series("backend_contexts_mib", probe=True)),
            ("its PostgreSQL backend (anon RSS)", series("backend_anon_mib", probe=True)),
        ],
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", default="100,328,852,2000")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database (and server)")
    parser.add_argument("--db", default="villageweb_scale", help="scratch database name")
    parser.add_argument("--pgdata", default=str(WORK / "pgdata"), help="embedded server's data dir")
    parser.add_argument("--sample", type=int, default=3, help="villages provisioned singly per step")
    parser.add_argument("--hosts", type=int, default=0, help="sample N village hosts (0: every host)")
    parser.add_argument("--dump-timeout", type=int, default=900)
    parser.add_argument("--no-unbounded", action="store_true", help="skip the unbounded-cache probe")
    parser.add_argument("--out", default=str(PROJECT_DIR / "docs" / "scaling"))
    parser.add_argument("--resume", action="store_true", help="go on from the kept database and scale.json")
    parser.add_argument(
        "--max-locks",
        type=int,
        default=8192,
        help="embedded server's max_locks_per_transaction (deploy/postgresql's figure for 2,000 villages; "
        "PostgreSQL's default 64 makes a whole-database pg_dump fail below 100 villages); 0 keeps it",
    )
    parser.add_argument("--note", default="", help="what else ran on the machine, for scale.json")
    options = parser.parse_args()
    options.steps = [int(step) for step in options.steps.split(",")]
    started = time.monotonic()
    own_server = not os.environ.get("DATABASE_URL")
    if own_server:
        os.environ["VILLAGEWEB_PGDATA"] = options.pgdata
    os.environ.update(
        DJANGO_SETTINGS_MODULE="villageweb.settings.dev",
        DJANGO_DEBUG="0",
        VILLAGEWEB_MEDIA_ROOT=str(WORK / "media"),
    )
    import shutil

    from scratch import scratch_django_setup, scratch_drop

    folder = Path(options.out)
    steps, wall_before = [], 0.0
    if options.resume:
        # Go on with the database a run cut short left (its server still running), after its steps.
        from urllib.parse import urlparse

        from villageweb.database import database_url

        os.environ["DATABASE_URL"] = urlparse(database_url())._replace(path=f"/{options.db}").geturl()
        import django

        django.setup()
        previous = json.loads((folder / "scale.json").read_text())
        steps, wall_before = previous["steps"], previous["wall_seconds"]
        _log(f"resuming after {[step['villages'] for step in steps]} ({wall_before:.0f} s so far)")
    else:
        shutil.rmtree(MIGRATIONS, ignore_errors=True)
        scratch_django_setup(options.db)
        from provisioning.services import platform_init

        began = time.monotonic()
        platform_init(migrate=True)
        _log(f"init_platform: {time.monotonic() - began:.1f} s")
    if own_server and options.max_locks:
        _max_locks_set(options.max_locks, Path(options.pgdata))
    machine = {
        "cpus": os.cpu_count(),
        "memory_gib": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
        "postgresql": _query("SHOW server_version")[0],
        "max_connections": _query("SHOW max_connections")[0],
        "max_locks_per_transaction": _query("SHOW max_locks_per_transaction")[0],
        "shared_buffers": _query("SHOW shared_buffers")[0],
        "load_average_at_start": os.getloadavg(),
        "note": options.note,
    }
    _log(f"machine: {machine}")
    folder.mkdir(parents=True, exist_ok=True)
    for step in options.steps:
        if steps and step <= steps[-1]["villages"]:
            continue
        _log(f"== step {step} villages ==")
        step_began = time.monotonic()
        number = len(list((MIGRATIONS / "scale_migrations").glob("*_column_*.py"))) + 1
        figures = _measure_step(step, options, number)
        figures["step_seconds"] = time.monotonic() - step_began
        steps.append(figures)
        _ratios(steps)
        report = {
            "machine": machine,
            "steps": steps,
            "wall_seconds": wall_before + time.monotonic() - started,
            "options": {"steps": options.steps, "sample": options.sample, "hosts": options.hosts},
        }
        (folder / "scale.json").write_text(json.dumps(report, indent=1, default=str))
        _plot(steps, folder)
        _log(
            f"step {step} took {figures['step_seconds']:.0f} s; run so far {time.monotonic() - started:.0f} s"
        )
    _log(f"wall time: {wall_before + time.monotonic() - started:.0f} s")
    if not options.keep:
        scratch_drop(options.db)
        if own_server:
            from pgserver._commands import pg_ctl

            from villageweb.database import embedded_server

            pg_ctl(["-w", "stop"], pgdata=Path(options.pgdata), user=embedded_server().system_user)


if __name__ == "__main__":
    main()
