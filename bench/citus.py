"""Benchmark: the platform on a Citus cluster beside one plain PostgreSQL server, in the same run.

    bash bin/citus start                          # the cluster: coordinator 9700, workers 9701-9702
    python bench/citus.py [--villages 328] [--sample 3] [--no-rebalance] [--keep]

Both targets are Debian's PostgreSQL 15 on this machine with the same settings (bin/citus writes them):
"single" is one plain server without Citus that the bench starts in var/citus-bench-single (port 9709);
"cluster" is bin/citus's cluster, in a scratch database `villageweb_bench` made and registered on its
nodes (the cluster's own `villageweb` database is not touched). For each target, through the project's
own commands (a `manage.py` process with DATABASE_URL set, DEBUG off), one after the other:

1. `init_platform` with `--sample` spare schemas;
2. `--sample` villages provisioned one by one from a spare, then `--sample` more with the pool empty
   (the template replayed; on the cluster, then distributed to a worker), timed in one process;
3. `import_villages` of `--villages` villages of the Tuban list (its own "Selesai dalam" figure);
4. news published in three villages (`publish_news`);
5. every village's home page, first request per host in one fresh process (p50/p99), then again in
   the same process with every cache emptied before each request (p50/p99: "uncached");
6. the portal's federated pages with every cache emptied before each request: Berita Desa (p95 of
   20), the village directory and the news API (p50 of 5);
7. `migrate_villages` applying two new migrations (one column each) to every village schema
   (bench.migrate_app through bench.migrate_settings);
8. cluster only: one village moved to the other worker (`citus_schema_move`) while one process asks
   for its home page and the portal without pause (answers other than 200, longest gap between answers),
   then a third worker added (`bash bin/citus add-worker`) and `citus_rebalance_start()` waited for.

Writes docs/scaling/citus.json and prints figure, single, cluster and cluster/single.
"""

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")
SINGLE_DIR = PROJECT / "var" / "citus-bench-single"
SINGLE_PORT = 9709
CLUSTER_PORT = 9700
DATABASE = "villageweb_bench"
TUBAN = PROJECT / "provisioning" / "data" / "tuban_villages.csv"
RESULT = PROJECT / "docs" / "scaling" / "citus.json"
PLACEMENTS_PER_NODE = (
    "SELECT nodeport, count(*) FROM pg_dist_placement p JOIN pg_dist_node d USING (groupid) GROUP BY 1"
)
SCHEMAS_PER_NODE = (
    "SELECT d.nodeport, count(DISTINCT c.relnamespace) FROM pg_dist_shard s "
    "JOIN pg_dist_placement p USING (shardid) JOIN pg_dist_node d ON d.groupid = p.groupid "
    "JOIN pg_class c ON c.oid = s.logicalrelid GROUP BY 1 ORDER BY 1"
)


def as_server(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else list(command)


def psql(url: str, query: str) -> list[list[str]]:
    result = subprocess.run(
        [str(PG_BIN / "psql"), "-X", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", url, "-c", query],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def single_start() -> str:
    """A plain PostgreSQL 15 server (no Citus) with bin/citus's other settings; its scratch database."""
    shutil.rmtree(SINGLE_DIR, ignore_errors=True)
    SINGLE_DIR.mkdir(parents=True)
    if os.getuid() == 0:
        shutil.chown(SINGLE_DIR, "postgres")
    subprocess.run(
        as_server(
            str(PG_BIN / "initdb"), "-D", str(SINGLE_DIR), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        ),
        check=True,
        capture_output=True,
    )
    with open(SINGLE_DIR / "postgresql.conf", "a") as conf:
        conf.write(
            f"port = {SINGLE_PORT}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{SINGLE_DIR}'\n"
            "max_locks_per_transaction = 1024\nmax_connections = 200\nshared_buffers = 128MB\n"
        )
    subprocess.run(
        as_server(
            str(PG_BIN / "pg_ctl"), "-D", str(SINGLE_DIR), "-l", str(SINGLE_DIR / "server.log"), "-w", "start"
        ),
        check=True,
        capture_output=True,
    )
    psql(f"postgres://postgres@127.0.0.1:{SINGLE_PORT}/postgres", f"CREATE DATABASE {DATABASE}")
    return f"postgres://postgres@127.0.0.1:{SINGLE_PORT}/{DATABASE}"


def single_stop() -> None:
    subprocess.run(
        as_server(str(PG_BIN / "pg_ctl"), "-D", str(SINGLE_DIR), "-m", "fast", "-w", "stop"), check=False
    )
    shutil.rmtree(SINGLE_DIR, ignore_errors=True)


def cluster_ports(url: str) -> list[int]:
    return [int(port) for (port,) in psql(url, "SELECT nodeport FROM pg_dist_node ORDER BY nodeport")]


def cluster_start() -> str:
    env = {**os.environ, "VILLAGEWEB_CITUS_DATABASE": DATABASE}
    for port in (CLUSTER_PORT, CLUSTER_PORT + 1, CLUSTER_PORT + 2, CLUSTER_PORT + 3):  # a leftover scratch db
        subprocess.run(
            [
                str(PG_BIN / "psql"),
                "-X",
                "-q",
                f"postgres://postgres@127.0.0.1:{port}/postgres",
                "-c",
                f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
            ],
            capture_output=True,
            check=False,
        )
    output = subprocess.run(
        ["bash", "bin/citus", "start"], cwd=PROJECT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return output.strip().splitlines()[-1]


def cluster_drop(url: str) -> None:
    ports = cluster_ports(url)
    for port in ports:
        psql(
            f"postgres://postgres@127.0.0.1:{port}/postgres",
            f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
        )


class Target:
    def __init__(self, name: str, url: str, options) -> None:
        self.name, self.url, self.options = name, url, options
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "bench.migrate_settings",
            "DJANGO_DEBUG": "0",
            "VILLAGEWEB_MEDIA_ROOT": f"/tmp/villageweb-bench-citus-{name}",
            "VILLAGEWEB_SPARE_SCHEMAS": str(options.sample),
        }
        self.figures: dict[str, float] = {}

    def manage(self, *args: str, env: dict | None = None) -> tuple[float, str]:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env=env or self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise SystemExit(
                f"[{self.name}] manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr[-4000:]}"
            )
        return time.monotonic() - started, result.stdout

    def probe(self, *targets: str, clear_cache: bool = False, loop: float = 0) -> list[dict]:
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "villageweb.settings.test"}
        flags = (["--clear-cache"] if clear_cache else []) + (["--loop", str(loop)] if loop else [])
        result = subprocess.run(
            [sys.executable, "-m", "bench.citus_probe", *flags, *targets],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return [json.loads(line) for line in result.stdout.splitlines()]

    def record(self, key: str, value: float) -> None:
        self.figures[key] = round(value, 4)
        print(f"  [{self.name}] {key}: {value:.3f}", flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def catalog_rows(target: "Target") -> dict[str, int]:
    """pg_class rows on each node of the target (the single server: one)."""
    ports = cluster_ports(target.url) if target.name == "cluster" else [SINGLE_PORT]
    database = target.url.rsplit("/", 1)[1]
    return {
        ("coordinator" if port in (CLUSTER_PORT, SINGLE_PORT) else f"worker_{port}"): int(
            psql(f"postgres://postgres@127.0.0.1:{port}/{database}", "SELECT count(*) FROM pg_class")[0][0]
        )
        for port in ports
    }


def provision_sample(target: Target, rows: list[dict]) -> None:
    """Villages provisioned one by one in one process: the first `sample` from spares, then by replay."""
    script = (
        "import json, sys, time, django; django.setup()\n"
        "from provisioning.services import village_provision\n"
        "for row in json.loads(sys.argv[1]):\n"
        "    started = time.monotonic()\n"
        "    village_provision(code=row['code'], name=row['name'], district_name=row['district_name'],"
        " kind=row['kind'], actor='bench')\n"
        "    print(time.monotonic() - started, flush=True)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(rows)],
        cwd=PROJECT,
        env=target.env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"[{target.name}] provisioning: {result.stderr[-4000:]}")
    seconds = [float(line) for line in result.stdout.split()]
    sample = target.options.sample
    target.record("provision_from_spare_s_p50", statistics.median(seconds[:sample]))
    target.record("provision_by_replay_s_p50", statistics.median(seconds[sample:]))


def measure(target: Target, rows: list[dict]) -> None:
    options = target.options
    print(f"== {target.name}: {target.url}", flush=True)
    seconds, _ = target.manage("init_platform")
    target.record("init_platform_s", seconds)
    provision_sample(target, rows[-2 * options.sample :])
    catalog_before = catalog_rows(target)
    _, output = target.manage("import_villages", str(TUBAN), "--limit", str(options.villages))
    found = re.search(r"Selesai dalam ([\d.]+) detik: (\d+) desa dibuat", output)
    target.record("import_s", float(found[1]))
    target.record("import_villages", int(found[2]))
    target.record("import_villages_per_s", int(found[2]) / float(found[1]))
    # Catalogue rows a village adds on each node: on a cluster every node keeps the shell tables (and
    # their indexes) of every village, its own villages' shards besides (Citus' metadata sync).
    catalog_after = catalog_rows(target)
    for node, rows_after in catalog_after.items():
        target.record(
            f"pg_class_rows_per_village_{node}", (rows_after - catalog_before[node]) / int(found[2])
        )
    codes = [row["code"] for row in rows[:3]]
    for code in codes:
        target.manage(
            "publish_news",
            "--village",
            code,
            "--title",
            f"Kabar desa {code}",
            "--summary",
            "Kerja bakti warga.",
        )
    hosts = [
        host
        for (host,) in psql(
            target.url,
            "SELECT d.domain FROM tenants_domain d JOIN tenants_village v ON v.id = d.tenant_id "
            "WHERE v.kind IN ('desa', 'kelurahan') AND d.is_primary ORDER BY v.code",
        )
    ]
    targets = [f"{host}/" for host in hosts]
    first = target.probe(*targets)
    assert all(answer["status"] == 200 for answer in first), [a for a in first if a["status"] != 200][:3]
    cold = [answer["seconds"] * 1000 for answer in first]
    target.record("village_home_first_ms_p50", statistics.median(cold))
    target.record("village_home_first_ms_p99", percentile(cold, 0.99))
    again = target.probe(*(targets[: min(len(targets), 60)] * 2), clear_cache=True)
    uncached = [answer["seconds"] * 1000 for answer in again[len(again) // 2 :]]
    target.record("village_home_uncached_ms_p50", statistics.median(uncached))
    target.record("village_home_uncached_ms_p99", percentile(uncached, 0.99))
    portal = target.probe(
        *(["localhost/berita-desa/"] * 20 + ["localhost/desa/"] * 5 + ["localhost/api/v1/berita-desa/"] * 5),
        clear_cache=True,
    )
    assert all(answer["status"] == 200 for answer in portal), [a["status"] for a in portal]
    times = {}
    for answer in portal:
        times.setdefault(answer["target"], []).append(answer["seconds"] * 1000)
    target.record("portal_berita_desa_uncached_ms_p95", percentile(times["localhost/berita-desa/"][1:], 0.95))
    target.record("portal_direktori_uncached_ms_p50", statistics.median(times["localhost/desa/"][1:]))
    target.record("portal_api_uncached_ms_p50", statistics.median(times["localhost/api/v1/berita-desa/"][1:]))
    seconds, output = target.manage("migrate_villages", env={**target.env, "BENCH_MIGRATE_APP": "1"})
    target.record("migrate_villages_two_columns_s", seconds)
    own = re.search(r"dalam ([\d.]+) detik", output)
    if own:
        target.record("migrate_villages_own_s", float(own[1]))
    target.hosts = hosts


def operations(target: Target) -> None:
    """Cluster only: a village moved between workers while its site is asked without pause; a third
    worker added and the cluster rebalanced."""
    url = target.url
    schema, port = psql(
        url,
        "SELECT n.nspname, min(d.nodeport) FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid) "
        "JOIN pg_dist_node d ON d.groupid = p.groupid JOIN pg_class c ON c.oid = s.logicalrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'village\\_%' "
        "GROUP BY n.nspname ORDER BY n.nspname LIMIT 1",
    )[0]
    host = psql(
        url,
        "SELECT d.domain FROM tenants_domain d JOIN tenants_village v ON v.id = d.tenant_id "
        f"WHERE v.schema_name = '{schema}' AND d.is_primary",
    )[0][0]
    other = next(p for p in cluster_ports(url) if p not in (int(port), CLUSTER_PORT))
    answers: list[dict] = []
    reader = threading.Thread(
        target=lambda: answers.extend(target.probe(f"{host}/", "localhost/", clear_cache=True, loop=40))
    )
    reader.start()
    time.sleep(12)  # the reader's process starts and answers for a while first
    moved_at = time.time()
    psql(url, f"SELECT citus_schema_move('{schema}', '127.0.0.1', {other})")
    moved_until = time.time()
    reader.join()
    target.record("move_one_village_s", moved_until - moved_at)
    during = [a for a in answers if a["target"] == f"{host}/" and moved_at - 1 <= a["at"] <= moved_until + 1]
    refused = [a for a in answers if a["status"] != 200]
    target.record("move_requests_during", len(during))
    target.record("move_requests_not_200", len(refused))
    stamps = [a["at"] for a in answers if a["target"] == f"{host}/"]
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    target.record("move_longest_gap_between_answers_s", max(gaps) if gaps else 0)
    target.record("move_slowest_answer_during_s", max((a["seconds"] for a in during), default=0))

    env = {**os.environ, "VILLAGEWEB_CITUS_DATABASE": DATABASE}
    subprocess.run(["bash", "bin/citus", "add-worker"], cwd=PROJECT, env=env, check=True, capture_output=True)
    before = dict(
        psql(
            url,
            PLACEMENTS_PER_NODE,
        )
    )
    started = time.monotonic()
    psql(url, "SELECT citus_rebalance_start()")
    psql(url, "SELECT citus_rebalance_wait()")
    target.record("rebalance_to_third_worker_s", time.monotonic() - started)
    after = dict(
        psql(
            url,
            PLACEMENTS_PER_NODE,
        )
    )
    schemas_after = psql(
        url,
        SCHEMAS_PER_NODE,
    )
    print(f"  shard placements per node before {before}, after {after}; schemas per node {schemas_after}")
    target.figures["schemas_per_node_after_rebalance"] = {port: int(n) for port, n in schemas_after}
    moved = sum(int(after.get(port, 0)) for port in after if port not in before)
    target.record("rebalance_placements_moved", moved)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--villages",
        type=int,
        default=328,
        help="villages imported (at most the list's 328 minus the sample)",
    )
    parser.add_argument("--sample", type=int, default=3)
    parser.add_argument("--no-rebalance", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep both scratch databases")
    parser.add_argument("--only", choices=("single", "cluster"))
    options = parser.parse_args()
    with open(TUBAN, newline="") as handle:
        rows = list(csv.DictReader(handle))
    options.villages = min(options.villages, len(rows) - 2 * options.sample)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = os.getloadavg()[0]
    results = {}
    if options.only != "cluster":
        single = Target("single", single_start(), options)
        try:
            measure(single, rows)
        finally:
            if not options.keep:
                single_stop()
        results["single"] = single.figures
    if options.only != "single":
        cluster = Target("cluster", cluster_start(), options)
        try:
            measure(cluster, rows)
            spread = psql(cluster.url, SCHEMAS_PER_NODE)
            cluster.figures["schemas_per_node"] = {port: int(n) for port, n in spread}
            print(f"  [cluster] village schemas per worker: {cluster.figures['schemas_per_node']}")
            if not options.no_rebalance:
                operations(cluster)
        finally:
            if not options.keep:
                cluster_drop(cluster.url)
        results["cluster"] = cluster.figures
    run = {
        "started": started,
        "finished": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average_1min_at_start": round(load_before, 2),
        "cores": os.cpu_count(),
        "villages": options.villages,
        "sample": options.sample,
        **results,
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(run, indent=2) + "\n")
    if "single" in results and "cluster" in results:
        print(f"\n{'figure':45} {'single':>10} {'cluster':>10} {'ratio':>7}")
        for key, value in results["single"].items():
            other = results["cluster"].get(key)
            if isinstance(value, (int, float)) and isinstance(other, (int, float)):
                ratio = f"{other / value:.2f}" if value else "-"
                print(f"{key:45} {value:10.3f} {other:10.3f} {ratio:>7}")
    print(f"\n{RESULT.relative_to(PROJECT)} ditulis.")


if __name__ == "__main__":
    main()
