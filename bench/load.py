"""Load benchmark of the production stack (`bin/serve`: Varnish + gunicorn + Redis), side by side.

    python bench/load.py                  # 328 villages with three news items each
    python bench/load.py --villages 20 --duration 3 --memory-requests 1200

Builds the villages on a scratch database (`villageweb_bench_load` on the same PostgreSQL server,
dropped and created afresh unless --reuse; never the demo's) with the project's own commands
(import_villages from provisioning/data/tuban_villages.csv, publish_news), starts `bin/serve` on it
with a Redis of its own (bench/stack.py), and prints: one fresh gunicorn worker's first request to
each village and its RSS after every village once, 1,000 and --memory-requests requests; SQL
queries per uncached village home; then, per wrk line over every village host, requests/s, p50,
p95, p99, errors and the ratio to the first line (an nginx static file of 8 KB, the machine's limit).
Most lines send as fast as the server answers; the "offered" lines pace the same connections to
--paced-rate requests a second in all (bench/stack.py `wrk`), which is how issue #14 states its
latency targets.
`uptime` before and after: other processes on the machine change every figure. Results in
docs/performance.md.
"""

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
from bench.scratch import median, percentile, scratch_database_url  # noqa: E402  (project on the path)
from bench.stack import Line, Stack, free_port, get, wait_for, wrk  # noqa: E402

SCRATCH_DB = "villageweb_bench_load"
VILLAGE_LIST = PROJECT_DIR / "provisioning" / "data" / "tuban_villages.csv"


def build(villages: int, *, fresh: bool) -> list[str]:
    """The villages and their news, by the commands Diskominfo uses; returns every village host."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "villageweb.settings.dev"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tenants.models import Village

    if fresh:
        started = time.monotonic()
        call_command("init_platform", verbosity=0)
        call_command("import_villages", str(VILLAGE_LIST), limit=villages, verbosity=0)
        for village in Village.objects.villages().order_by("code"):
            for number, title in enumerate(
                ("Kerja bakti membersihkan saluran", "Posyandu balita bulan ini", "Musyawarah desa RKP")
            ):
                call_command(
                    "publish_news",
                    village=village.code,
                    title=f"{title} {village.name}",
                    summary=f"Kegiatan warga {village.display_name} ({number + 1}).",
                    date=f"2026-11-{10 + number:02d}",
                    stdout=open(os.devnull, "w"),  # noqa: SIM115
                )
        print(f"Dibangun: {villages} desa x 3 berita dalam {time.monotonic() - started:.0f} s")
    connection.set_schema_to_public()
    return sorted(
        village.primary_domain for village in Village.objects.villages().filter(status="active")[:villages]
    )


COUNT_QUERIES = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
hosts = json.loads(sys.argv[1])
found = []
for host in hosts:
    client = Client(HTTP_HOST=host)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        counts.append(len(queries))
    found.append(counts)
print(json.dumps(found))
"""


def queries_per_home(stack: Stack, hosts: list[str]) -> dict:
    """SQL queries of an uncached village home in a process with the stack's production settings
    and Redis: the first request to each village in that process, and the next one (warm)."""
    output = subprocess.run(
        [sys.executable, "-c", COUNT_QUERIES, json.dumps(hosts)],
        env=stack.production_env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts = json.loads(output.strip().splitlines()[-1])
    return {"first": [c[0] for c in counts], "warm": [c[1] for c in counts]}


def fresh_worker(stack: Stack, hosts: list[str], total: int) -> dict:
    """One gunicorn worker started afresh beside the stack (production settings, the stack's Redis,
    no --max-requests so that it lives through the whole run): the time of the first request to each
    village, its RSS after every village once, after 1,000 and after 10,000 requests."""
    import psutil

    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "villageweb.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "60",
        ],
        env=stack.production_env,
        cwd=PROJECT_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    result: dict = {}
    try:
        wait_for(port, os.environ["VILLAGEWEB_BASE_DOMAIN"], process=process)  # the portal: no village yet
        worker = psutil.Process(process.pid).children()[0]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

        def timed(host: str, path: str) -> float:
            started = time.perf_counter()
            connection.request("GET", path, headers={"Host": host})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{host}{path}: {response.status}")
            return (time.perf_counter() - started) * 1000

        first = [timed(host, "/") for host in hosts]
        result["first_ms"] = first
        served = len(hosts) + 1
        result["rss_mb"] = {served: worker.memory_info().rss / 2**20}
        paths = ("/", "/berita/")
        for target in sorted({min(1_000, total), total}):
            while served < target:
                timed(hosts[served % len(hosts)], paths[(served // len(hosts)) % 2])
                served += 1
            result["rss_mb"][served] = worker.memory_info().rss / 2**20
    finally:
        process.terminate()
        process.wait(timeout=30)
    return result


def nginx_start(workdir: Path, port: int) -> subprocess.Popen | None:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        return None
    # nginx's workers run as nobody when started as root: they must be able to read the file.
    workdir.chmod(0o755)
    (workdir / "www").mkdir(mode=0o755)
    (workdir / "www" / "8k.html").write_text("x" * 8192)
    (workdir / "www" / "8k.html").chmod(0o644)
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"worker_processes 1; pid {workdir}/nginx.pid; error_log {workdir}/error.log;\n"
        f"events {{ worker_connections 1024; }}\n"
        f"http {{ access_log off; server {{ listen 127.0.0.1:{port}; root {workdir}/www; }} }}\n"
    )
    return subprocess.Popen([binary, "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"])


def summary(values: list[float]) -> str:
    return f"median {median(values):.0f} ms, p95 {percentile(values, 0.95):.0f} ms, max {max(values):.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--villages", type=int, default=328)
    parser.add_argument("--duration", type=int, default=10, help="seconds per line (at most 60)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--reuse", action="store_true", help="keep the scratch database of an earlier run")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--scratch", default=SCRATCH_DB, help="scratch database name")
    parser.add_argument("--memory-requests", type=int, default=10_000, help="requests to the fresh worker")
    parser.add_argument(
        "--latency-connections",
        type=int,
        default=4,
        help="connections of the latency lines (two per worker: the targets' p99 and p95 below saturation)",
    )
    parser.add_argument(
        "--paced-rate",
        type=float,
        default=250,
        help="requests/s the paced lines offer over --connections (issue #14: 250 for the village home)",
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers (deploy/systemd/villageweb.service runs 4)"
    )
    args = parser.parse_args()
    duration = max(1, min(args.duration, 60))
    if not shutil.which("wrk"):
        raise SystemExit("wrk tidak terpasang: apt-get install wrk")

    database_url = scratch_database_url(args.scratch, fresh=not args.reuse)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("VILLAGEWEB_BASE_DOMAIN", "localhost")
    os.environ["VILLAGEWEB_MEDIA_ROOT"] = str(PROJECT_DIR / "var" / "bench-load-media")
    hosts = build(args.villages, fresh=not args.reuse)
    portal = os.environ["VILLAGEWEB_BASE_DOMAIN"]
    report: dict = {
        "villages": len(hosts),
        "duration": duration,
        "connections": args.connections,
        "uptime_before": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
    }
    print(f"uptime sebelum: {report['uptime_before']}")

    stack = Stack(database_url, workers=args.workers)
    static = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="villageweb-bench-"))
    nginx = nginx_start(workdir, static)
    lines: list[Line] = []
    baseline = None

    def line(*args_, connections: int | None = None, rate: float | None = None) -> None:
        nonlocal baseline
        measured = wrk(*args_, duration, connections or args.connections, rate=rate)
        if baseline is None:
            baseline = measured.rate
        lines.append(measured)
        print(measured.show(baseline), flush=True)

    try:
        stack.wait(portal)
        print(
            f"{len(hosts)} desa, {duration} s per baris, {args.connections} koneksi, wrk -t2; "
            f"gunicorn {args.workers} worker (produksi), Varnish, Redis"
        )
        worker = fresh_worker(stack, hosts, args.memory_requests)
        report["fresh_worker"] = worker
        print(
            "worker baru, permintaan pertama tiap desa (Redis dingin): "
            f"pertama {worker['first_ms'][0]:.0f} ms; "
            f"desa lain {summary(worker['first_ms'][1:])}"
        )
        print(
            "RSS satu worker: "
            + ", ".join(f"{mb:.0f} MB setelah {n} permintaan" for n, mb in worker["rss_mb"].items())
        )
        queries = queries_per_home(stack, hosts[: min(20, len(hosts))])
        report["queries"] = queries
        print(
            f"kueri SQL per beranda desa tanpa cache depan: pertama {summary_int(queries['first'])}; "
            f"hangat {summary_int(queries['warm'])}"
        )

        if nginx:
            line("static 8 KB file (nginx)", static, ["localhost"], ["/8k.html"])
        line("static theme.css through Varnish", stack.front, hosts, ["/static/themes/modern/theme.css"])
        # The cached lines fill the front cache themselves: their first pass over the hosts is MISS.
        line("village / + /berita/ cached (Varnish)", stack.front, hosts, ["/", "/berita/"])
        line("village / cached (Varnish)", stack.front, hosts, ["/"])
        # Past Varnish, gunicorn answers a village page an anonymous visitor got before from the
        # page kept whole in the site cache (villageweb/freshness/site_cache.py); a query string is never
        # kept, so the second line renders every request (routing, templates) from the cached pieces.
        line("village / uncached (gunicorn)", stack.app, hosts, ["/"])
        # At 32 connections a p99 is mostly the queue (32 / rate); the same lines with a few
        # connections show the latency of a request below saturation, and what rate it leaves.
        latency = args.latency_connections
        line(f"village / uncached (gunicorn), {latency} conn", stack.app, hosts, ["/"], connections=latency)
        # The target as written: 250 requests a second offered by all the connections together.
        paced = args.paced_rate
        line(f"village / uncached (gunicorn), {paced:.0f}/s offered", stack.app, hosts, ["/"], rate=paced)
        line("village /?utm_source=wa rendered (gunicorn)", stack.app, hosts, ["/?utm_source=wa"])
        line("village /berita/ uncached (gunicorn)", stack.app, hosts, ["/berita/"])
        for path in ("/", "/berita-desa/", "/api/v1/berita-desa/"):
            get(stack.front, portal, path)
            line(f"portal {path} cached (Varnish)", stack.front, [portal], [path])
            line(f"portal {path} uncached (gunicorn)", stack.app, [portal], [path])
            if path == "/":
                label = f"portal / uncached (gunicorn), {latency} conn"
                line(label, stack.app, [portal], [path], connections=latency)
                label = f"portal / uncached (gunicorn), {paced:.0f}/s offered"
                line(label, stack.app, [portal], [path], rate=paced)
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait()
        stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    report["lines"] = [vars(measured) for measured in lines]
    report["uptime_after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"uptime sesudah: {report['uptime_after']}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1))


def summary_int(values: list[int]) -> str:
    return f"median {median(values):.0f}, min {min(values)}, max {max(values)}"


if __name__ == "__main__":
    main()
