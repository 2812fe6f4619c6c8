"""Load benchmark of the production stack (`bin/serve`: Varnish + gunicorn + Redis), side by side.

    python bench/load.py                  # 328 villages with three news items each
    python bench/load.py --villages 40 --duration 10

Builds the villages on a scratch database (`villageweb_bench_load` on the same PostgreSQL server,
dropped and created afresh unless --reuse; never the demo's) with the project's own commands
(import_villages from provisioning/data/tuban_villages.csv, publish_news), starts `bin/serve` on it,
and drives it with wrk (Debian's) on loopback over every village host, through a Lua script that
gives each request the next host. Prints requests/s, p50, p99 and errors per line, and the RSS of
gunicorn's workers. An nginx static file of 8 KB is the machine's limit, measured in the same run.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
from bench.scratch import scratch_database_url  # noqa: E402  (needs the project on the path)

SCRATCH_DB = "villageweb_bench_load"
VILLAGE_LIST = PROJECT_DIR / "provisioning" / "data" / "tuban_villages.csv"

LUA = """
hosts = {%(hosts)s}
paths = {%(paths)s}
counter = 0
request = function()
  counter = counter + 1
  local host = hosts[(counter %% #hosts) + 1]
  local path = paths[(counter %% #paths) + 1]
  return wrk.format("GET", path, {Host = host})
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def wrk(label: str, port: int, hosts: list[str], paths: list[str], duration: int, connections: int) -> dict:
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(
        LUA % {"hosts": ", ".join(f'"{h}"' for h in hosts), "paths": ", ".join(f'"{p}"' for p in paths)}
    )
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    script.unlink()

    def latency(percent: str) -> str:
        match = re.search(rf"^\s+{percent}%\s+(\S+)", output, re.M)
        return match.group(1) if match else "?"

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    print(f"{label:<48} {rate:>9.0f} req/s  p50 {latency(50):>8}  p99 {latency(99):>8}  errors {errors}")
    return {"rate": rate, "errors": errors}


def wait_for(port: int, host: str, seconds: int = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": host})
            with urllib.request.urlopen(request, timeout=10):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"The stack did not answer on port {port}")


def nginx_start(workdir: Path, port: int) -> subprocess.Popen | None:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        return None
    (workdir / "www").mkdir()
    (workdir / "www" / "8k.html").write_text("x" * 8192)
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"worker_processes 1; pid {workdir}/nginx.pid; error_log {workdir}/error.log;\n"
        f"events {{ worker_connections 1024; }}\n"
        f"http {{ access_log off; server {{ listen 127.0.0.1:{port}; root {workdir}/www; }} }}\n"
    )
    return subprocess.Popen([binary, "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"])


def workers_rss(serve: subprocess.Popen) -> list[int]:
    import psutil

    found = []
    for child in psutil.Process(serve.pid).children(recursive=True):
        try:
            if "gunicorn" in " ".join(child.cmdline()) and child.parent().name() != "bash":
                found.append(child.memory_info().rss // (1024 * 1024))
        except psutil.Error:
            continue
    return found


def touch_all(port: int, hosts: list[str], count: int) -> None:
    for index in range(count):
        host = hosts[index % len(hosts)]
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": host})
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--villages", type=int, default=328)
    parser.add_argument("--duration", type=int, default=10, help="seconds per line (at most 60)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--reuse", action="store_true", help="keep the scratch database of an earlier run")
    args = parser.parse_args()
    duration = max(1, min(args.duration, 60))
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    os.environ["DATABASE_URL"] = scratch_database_url(SCRATCH_DB, fresh=not args.reuse)
    os.environ.setdefault("VILLAGEWEB_BASE_DOMAIN", "localhost")
    os.environ["VILLAGEWEB_MEDIA_ROOT"] = str(PROJECT_DIR / "var" / "bench-load-media")
    hosts = build(args.villages, fresh=not args.reuse)
    portal = os.environ["VILLAGEWEB_BASE_DOMAIN"]

    front, app, static = free_port(), free_port(), free_port()
    env = {**os.environ, "PORT": str(front), "APP_PORT": str(app), "WEB_CONCURRENCY": "2"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    serve = subprocess.Popen(
        ["bash", str(PROJECT_DIR / "bin" / "serve")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    workdir = Path(tempfile.mkdtemp(prefix="villageweb-bench-"))
    nginx = nginx_start(workdir, static)
    try:
        wait_for(front, portal)
        print(f"{len(hosts)} desa, {duration} s per baris, {args.connections} koneksi, wrk -t2")
        if nginx:
            wrk("static 8 KB file (nginx)", static, ["localhost"], ["/8k.html"], duration, args.connections)
        wrk(
            "static file through Varnish",
            front,
            hosts,
            ["/static/themes/modern/theme.css"],
            duration,
            args.connections,
        )
        touch_all(app, hosts, len(hosts) * 2)
        print(f"gunicorn workers RSS after every village: {workers_rss(serve)} MB")
        for path in ("/", "/berita/"):
            wrk(f"village {path} cached (Varnish)", front, hosts, [path], duration, args.connections)
            wrk(f"village {path} uncached (gunicorn)", app, hosts, [path], duration, args.connections)
        for path in ("/", "/berita-desa/", "/api/v1/berita-desa/"):
            wrk(f"portal {path} cached (Varnish)", front, [portal], [path], duration, args.connections)
            wrk(f"portal {path} uncached (gunicorn)", app, [portal], [path], duration, args.connections)
        touch_all(app, hosts, 10_000)
        print(f"gunicorn workers RSS after 10,000 more requests: {workers_rss(serve)} MB")
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait()
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=60)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
