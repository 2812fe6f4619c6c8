"""Faults under steady load on the production stack (`bin/serve`: Varnish + gunicorn + Redis).

    python bench/faults.py --villages 12 --seconds 20
    python bench/faults.py --reuse --only redis,postgresql

Builds the villages on a scratch database of the project's embedded PostgreSQL (`.pgdata/`, the one
server this script may restart; DATABASE_URL is ignored) with bench/load.py's `build()`, puts
MEDIA_ROOT on a small tmpfs (mounted here, needs root; left mounted for --reuse:
`umount var/bench-faults-media` when done) and starts `bin/serve` with a Redis of its own
(bench/stack.py). Threads then request `/` and `/berita/` of every village host without pause, on two
streams: through the front (Varnish, as visitors) and straight to gunicorn (uncached, where the faults
land). Every answer is counted per second, so the seconds to recover are read from the timeline:

- redis: redis-server stopped for 30 s, then started again;
- postgresql: the embedded server stopped (fast shutdown: every connection dropped), down for 5 s,
  started again, gunicorn left running;
- worker: one gunicorn worker killed with SIGKILL (the master forks another);
- disk: the media tmpfs filled up, one document uploaded through the Wagtail admin as a village
  superuser, the answer, the files and the Document rows inspected, the space freed;
- slowloris: 500 connections to the front, each sending a request header a byte a second, each one
  the front closes opened again;
- flood: the cache-busting flood: one client sends, as fast as its threads can, requests for every
  village with made-up query parameters, bogus cookies (a session cookie that is none, another site's
  cookie) and a random port in Host, through the front; ordinary visitors' cached pages must keep
  p99 < 50 ms and zero errors.
- complaints: 10,000 complaints POSTed to the first village's /kontak/ (the case form, villageweb/cases)
  by wrk's 4 connections, once as fast as they go and once at 500 a second (`--complaint-rates`),
  half from one address and half each from an address of its own (through
  Varnish's front listener from 127.0.0.1 with an X-Forwarded-For, as Caddy forwards a visitor: many
  addresses); counted: accepted, refused by Varnish before gunicorn (429, the VCL's public-forms
  limits) and by the application (429), errors, the cases stored for that village; the other
  villages' pages keep being measured meanwhile, and their p95 during the flood is compared with the
  5 s before it. The sender runs on a CPU of its own and everything else on the others
  (`--sender-cpu`, default the last CPU), as if it were another machine; the CPU each part of the
  stack added during the flood (over its rate in the calm 5 s) is printed.

Printed per scenario and stream: requests served (status < 500), errors (5xx, refused, reset, timed
out) during the fault and after it, and seconds from the end of the fault to the last second with an
error (0: none after it). Each scenario ends with its verdict: redis, that uncached answers keep at
least half their throughput while Redis is down (the circuit breaker and local fallback in
villageweb/freshness/redis_cache.py); flood, the visitors' p99 and errors. `uptime` before and
after: other processes on the machine change every figure. Results in docs/performance.md ("Faults").
"""

import argparse
import http.client
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
from bench.load import build  # noqa: E402  (project on the path)
from bench.scratch import percentile, scratch_database_url  # noqa: E402
from bench.stack import Stack, get  # noqa: E402

SCRATCH_DB = "villageweb_bench_faults"
MEDIA_ROOT = PROJECT_DIR / "var" / "bench-faults-media"
MEDIA_SIZE = "16m"
UPLOADER = ("faults-admin", "sandi-faults-123")
SCENARIOS = ("redis", "postgresql", "worker", "disk", "slowloris", "flood", "complaints")
PATHS = ("/", "/berita/")


@dataclass
class Timeline:
    """Answers per stream and second since the scenario started: [served, 5xx, socket errors]."""

    started: float = field(default_factory=time.monotonic)
    seconds: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(lambda: [0, 0, 0])))
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    marks: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.started

    def mark(self, name: str) -> None:
        self.marks[name] = self.now()

    def record(self, stream: str, at: float, kind: int, seconds: float) -> None:
        with self.lock:
            self.seconds[stream][int(at)][kind] += 1
            if kind == 0:
                self.latencies[stream].append((at, seconds))


class Load:
    """Threads requesting every village host in turn, each request on a new connection, until stopped."""

    def __init__(self, stack: Stack, hosts: list[str], *, front_threads: int, app_threads: int) -> None:
        self.targets = [(host, path) for path in PATHS for host in hosts]
        self.streams = {"front": stack.front, "app": stack.app}
        self.plan = [("front", n) for n in range(front_threads)] + [("app", n) for n in range(app_threads)]
        self.timeline = Timeline()
        self.running = False
        self.threads: list[threading.Thread] = []

    def start(self) -> Timeline:
        self.timeline = Timeline()
        self.running = True
        self.threads = [
            threading.Thread(target=self._run, args=(stream, offset), daemon=True)
            for stream, offset in self.plan
        ]
        for thread in self.threads:
            thread.start()
        return self.timeline

    def stop(self) -> Timeline:
        self.running = False
        for thread in self.threads:
            thread.join(timeout=15)
        return self.timeline

    def _run(self, stream: str, offset: int) -> None:
        port = self.streams[stream]
        timeline = self.timeline
        for host, path in itertools.islice(itertools.cycle(self.targets), offset * 7, None):
            if not self.running:
                return
            at = timeline.now()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                connection.request("GET", path, headers={"Host": host})
                response = connection.getresponse()
                response.read()
                kind = 0 if response.status < 500 else 1
            except (OSError, http.client.HTTPException):
                kind = 2
                time.sleep(0.05)  # a refused connection returns at once; do not spin
            finally:
                connection.close()
            # Counted in the second the answer (or the error) came: when a visitor sees it.
            done = timeline.now()
            timeline.record(stream, done, kind, done - at)


def summary(timeline: Timeline, name: str, fault_from: str, fault_to: str, **extra) -> dict:
    """Served and errors before, during and after the fault, and the seconds to recover, per stream."""
    start, end = timeline.marks[fault_from], timeline.marks[fault_to]
    result = {"scenario": name, "fault_s": round(end - start, 1), **extra, "streams": {}}
    for stream, seconds in sorted(timeline.seconds.items()):
        last = max(seconds)
        rows = [seconds.get(second, [0, 0, 0]) for second in range(last + 1)]
        during = [row for second, row in enumerate(rows) if start <= second + 1 and second < end]
        after = [row for second, row in enumerate(rows) if second >= end]
        errors_after = [second for second, row in enumerate(rows) if second >= int(end) and row[1] + row[2]]
        late = [ms for at, ms in timeline.latencies[stream] if start <= at < end]
        early = [ms for at, ms in timeline.latencies[stream] if at < start]
        result["streams"][stream] = {
            "served": sum(row[0] for row in rows),
            "errors": sum(row[1] + row[2] for row in rows),
            "errors_during": sum(row[1] + row[2] for row in during),
            "errors_after": sum(row[1] + row[2] for row in after),
            "status_5xx": sum(row[1] for row in rows),
            "socket_errors": sum(row[2] for row in rows),
            "recover_s": round(max(0.0, errors_after[-1] + 1 - end), 1) if errors_after else 0.0,
            "p95_ms_during": round(percentile(late, 0.95) * 1000, 1) if late else None,
            "p99_ms_during": round(percentile(late, 0.99) * 1000, 1) if late else None,
            "p99_ms_before": round(percentile(early, 0.99) * 1000, 1) if early else None,
            "per_s_before": round(len(early) / start, 1) if start else None,
            "per_s_during": round(len(late) / (end - start), 1) if end > start else None,
            "timeline": [f"{row[0]}/{row[1] + row[2]}" for row in rows],
        }
    return result


def show(result: dict) -> None:
    extra = {k: v for k, v in result.items() if k not in ("scenario", "fault_s", "streams")}
    print(f"\n== {result['scenario']}: fault {result['fault_s']} s {json.dumps(extra, ensure_ascii=False)}")
    for stream, figures in result["streams"].items():
        print(
            f"  {stream:<5} served {figures['served']:>6}  errors {figures['errors']:>5} "
            f"(during {figures['errors_during']}, after {figures['errors_after']}; "
            f"5xx {figures['status_5xx']}, socket {figures['socket_errors']})  "
            f"recover {figures['recover_s']} s  p95 during {figures['p95_ms_during']} ms"
            + (
                f" (before {figures['p95_ms_before']} ms, ratio {figures['p95_ratio']})"
                if "p95_ms_before" in figures
                else ""
            )
            + f"  p99 before/during {figures['p99_ms_before']}/{figures['p99_ms_during']} ms  "
            f"served/s before/during {figures['per_s_before']}/{figures['per_s_during']}"
        )
        print(f"        served/errors per second: {' '.join(figures['timeline'])}")
    if "verdict" in result:
        print(f"  verdict: {result['verdict']}")
    sys.stdout.flush()


def scenario_redis(stack: Stack, load: Load, seconds: int) -> dict:
    timeline = load.start()
    time.sleep(5)
    timeline.mark("stop")
    stack.redis.stop()
    time.sleep(30)
    stack.redis.start()
    timeline.mark("back")
    time.sleep(seconds)
    result = summary(load.stop(), "redis stopped 30 s", "stop", "back")
    app = result["streams"]["app"]
    ratio = app["per_s_during"] / app["per_s_before"] if app["per_s_before"] else 0.0
    result["verdict"] = (
        f"{'OK' if ratio >= 0.5 else 'GAGAL'}: uncached answers while Redis was down "
        f"{app['per_s_during']}/s against {app['per_s_before']}/s before ({ratio:.2f}x; needed >= 0.5x)"
    )
    return result


def postgres_restart(timeline: Timeline, down: float) -> None:
    """Stop the embedded server (fast: every connection dropped), wait, start it the way pgserver does.

    A fast shutdown still waits for a checkpoint in progress, so "down" (pg_ctl returned) can come
    well after "stop" (asked); both are marked.
    """
    from pgserver._commands import pg_ctl

    from villageweb.database import embedded_server

    server = embedded_server()
    timeline.mark("stop")
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user, timeout=120)
    timeline.mark("down")
    time.sleep(down)
    timeline.mark("start")
    server.ensure_postgres_running()
    timeline.mark("back")


def scenario_postgresql(stack: Stack, load: Load, seconds: int) -> dict:
    timeline = load.start()
    time.sleep(5)
    postgres_restart(timeline, 5)
    from django.db import connections

    connections.close_all()  # this process's own connection (the disk scenario counts rows) died too
    time.sleep(seconds)
    marks = timeline.marks
    return summary(
        load.stop(),
        "postgresql restarted",
        "stop",
        "back",
        shutdown_s=round(marks["down"] - marks["stop"], 1),
        down_s=round(marks["start"] - marks["down"], 1),
        start_s=round(marks["back"] - marks["start"], 1),
    )


def scenario_worker(stack: Stack, load: Load, seconds: int) -> dict:
    timeline = load.start()
    time.sleep(5)
    victim = stack.workers()[0].pid
    timeline.mark("kill")
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        alive = [worker.pid for worker in stack.workers() if worker.status() != "zombie"]
        if len(alive) == 2 and victim not in alive:
            break
        time.sleep(0.05)
    timeline.mark("replaced")
    time.sleep(seconds)
    return summary(load.stop(), "gunicorn worker killed", "kill", "replaced")


class Uploader:
    """A village superuser logged in to the admin through the front, as an editor would be."""

    def __init__(self, port: int, host: str) -> None:
        import requests

        self.session = requests.Session()
        self.base = f"http://127.0.0.1:{port}"
        self.host = host
        page = self._get("/admin/login/")
        answer = self.session.post(
            f"{self.base}/admin/login/",
            data={"username": UPLOADER[0], "password": UPLOADER[1], "csrfmiddlewaretoken": self._csrf(page)},
            headers={"Host": host, "Referer": f"http://{host}/admin/login/"},
            allow_redirects=False,
            timeout=60,
        )
        if answer.status_code != 302:
            raise SystemExit(f"login to {host} failed: {answer.status_code}")
        self._insecure()

    def _get(self, path: str) -> str:
        text = self.session.get(f"{self.base}{path}", headers={"Host": self.host}, timeout=60).text
        self._insecure()
        return text

    def _insecure(self) -> None:
        # Production marks the session and CSRF cookies Secure (TLS ends at Caddy); the benchmark
        # speaks plain HTTP to the front on loopback, so it sends them back anyway.
        for cookie in self.session.cookies:
            cookie.secure = False

    @staticmethod
    def _csrf(page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def upload(self, title: str, content: bytes) -> tuple[int, str]:
        """POST a document; the status and the visible text of any error message in the answer."""
        page = self._get("/admin/documents/add/")
        collection = re.search(r'name="collection"[^>]*>\s*<option value="(\d+)"', page)
        data = {"csrfmiddlewaretoken": self._csrf(page), "title": title}
        if collection:
            data["collection"] = collection.group(1)
        answer = self.session.post(
            f"{self.base}/admin/documents/add/",
            data=data,
            files={"file": (f"{title}.pdf", content, "application/pdf")},
            headers={"Host": self.host, "Referer": f"http://{self.host}/admin/documents/add/"},
            allow_redirects=False,
            timeout=60,
        )
        return answer.status_code, _visible_errors(answer.text)


def _visible_errors(page: str) -> str:
    """The text of the page's error list or message, else its title (e.g. the 500 page's)."""
    found = re.findall(r'class="[^"]*(?:error-message|errorlist|messages)[^"]*"[^>]*>(.*?)</', page, re.S)
    if not found:
        found = re.findall(r"<title>(.*?)</title>", page, re.S)
    return " | ".join(" ".join(re.sub(r"<[^>]+>", " ", chunk).split()) for chunk in found)[:300]


def media_files() -> dict[str, int]:
    return {
        str(path.relative_to(MEDIA_ROOT)): path.stat().st_size
        for path in MEDIA_ROOT.rglob("*")
        if path.is_file()
    }


def documents(schema: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{schema}".wagtaildocs_document')
        return cursor.fetchone()[0]


def fill(path: Path) -> int:
    """Write zeros to `path` until the file system refuses (ENOSPC); returns the bytes written."""
    written = 0
    block = b"\0" * 65536
    with path.open("wb", buffering=0) as filler:
        while True:
            try:
                written += filler.write(block)
            except OSError:
                break
    small = b"\0" * 512
    with path.open("ab", buffering=0) as filler:
        while True:
            try:
                written += filler.write(small)
            except OSError:
                return written


def scenario_disk(stack: Stack, load: Load, seconds: int, host: str, schema: str) -> dict:
    uploader = Uploader(stack.front, host)
    # A document that fits easily when there is room, to check the upload path itself works.
    control_status, _ = uploader.upload(f"kontrol-{uuid.uuid4().hex[:6]}", b"%PDF-1.4\n" + b"x" * 20_000)
    timeline = load.start()
    time.sleep(5)
    filler = MEDIA_ROOT / "faults-filler.bin"
    before_files, before_rows = media_files(), documents(schema)
    timeline.mark("full")
    filled = fill(filler)
    status, message = uploader.upload(f"laporan-{uuid.uuid4().hex[:6]}", b"%PDF-1.4\n" + b"x" * 200_000)
    after_files, after_rows = media_files(), documents(schema)
    time.sleep(5)
    filler.unlink()
    timeline.mark("freed")
    time.sleep(seconds)
    left = {
        name: size for name, size in after_files.items() if name not in before_files and name != filler.name
    }
    return summary(
        load.stop(),
        "media disk full",
        "full",
        "freed",
        upload_with_room_status=control_status,
        upload_status=status,
        upload_message=message,
        filler_mb=round(filled / 2**20, 1),
        new_files=left,
        new_document_rows=after_rows - before_rows,
    )


def slowloris(port: int, connections: int, stop: threading.Event, counts: dict) -> None:
    """Keep `connections` sockets open, each sending a never-finished request header a byte a second,
    and open a new one for each the front closes, as a slowloris does."""
    sockets: list[socket.socket] = []
    number = 0
    while not stop.is_set():
        while len(sockets) < connections:
            number += 1
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=2)
                sock.send(f"GET /?slow={number} HTTP/1.1\r\nHost: localhost\r\n".encode())
                sockets.append(sock)
            except OSError:
                break
        counts["opened"] = number
        alive = []
        for sock in sockets:
            try:
                sock.send(b"X")
                alive.append(sock)
            except OSError:
                counts["closed_by_front"] = counts.get("closed_by_front", 0) + 1
                sock.close()
        sockets = alive
        counts["held_min"] = min(counts.get("held_min", connections), len(sockets))
        stop.wait(1)
    for sock in sockets:
        sock.close()


def scenario_slowloris(stack: Stack, load: Load, seconds: int, connections: int) -> dict:
    timeline = load.start()
    time.sleep(5)
    stop, counts = threading.Event(), {}
    attacker = threading.Thread(target=slowloris, args=(stack.front, connections, stop, counts), daemon=True)
    timeline.mark("attack")
    attacker.start()
    time.sleep(seconds)
    stop.set()
    attacker.join(timeout=30)
    timeline.mark("over")
    time.sleep(5)
    return summary(
        load.stop(), f"slowloris {connections} connections on the front", "attack", "over", **counts
    )


def flood(port: int, hosts: list[str], stop: threading.Event, counts: dict) -> None:
    """One attacker thread: made-up parameters, bogus cookies and a random port, as fast as it can."""
    rng = random.Random()
    while not stop.is_set():
        host = rng.choice(hosts)
        junk = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=12))
        path = f"{rng.choice(PATHS)}?{junk}={junk}&x{rng.randrange(10**6)}=1&halaman={junk}"
        headers = {
            "Host": f"{host}:{rng.randrange(1, 65536)}",
            "Cookie": f"sessionid={junk}; _ga=GA1.{junk}; csrftoken={junk}",
        }
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            key = "hit" if response.getheader("X-Cache") == "HIT" else "miss"
            counts[key] = counts.get(key, 0) + 1
            if response.status >= 500:
                counts["5xx"] = counts.get("5xx", 0) + 1
        except (OSError, http.client.HTTPException):
            counts["error"] = counts.get("error", 0) + 1
        finally:
            connection.close()


def scenario_flood(stack: Stack, load: Load, seconds: int, hosts: list[str], threads: int) -> dict:
    timeline = load.start()
    time.sleep(5)
    stop, counts = threading.Event(), {}
    attackers = [
        threading.Thread(target=flood, args=(stack.front, hosts, stop, counts), daemon=True)
        for _ in range(threads)
    ]
    timeline.mark("attack")
    for attacker in attackers:
        attacker.start()
    time.sleep(seconds)
    stop.set()
    for attacker in attackers:
        attacker.join(timeout=30)
    timeline.mark("over")
    time.sleep(5)
    sent = sum(counts.values()) - counts.get("5xx", 0)
    counts["per_s"] = round(sent / seconds, 1)
    result = summary(
        load.stop(), f"cache-busting flood, {threads} threads of one client", "attack", "over", **counts
    )
    front = result["streams"]["front"]
    ok = (front["p99_ms_during"] or 0) < 50 and front["errors"] == 0
    result["verdict"] = (
        f"{'OK' if ok else 'GAGAL'}: visitors' cached pages p99 {front['p99_ms_during']} ms during the flood "
        f"({front['p99_ms_before']} ms before; needed < 50 ms), errors {front['errors']} (needed 0)"
    )
    return result


COMPLAINT = {
    "jenis": "pengaduan",
    "kategori": "lainnya",
    "perihal": "Banjir pesan",
    "pesan": "Pesan uji beban: banyak pengaduan ke satu desa.",
}


# wrk (C, Debian's) sends the complaint flood: a Python client on the same two cores took the CPU it
# meant to measure (a flood from elsewhere costs the server nothing of the sort). One thread, so that
# the Lua counters are one table; it stops itself after `total` answers.
FLOOD_LUA = """
total = %(total)d
host = "%(host)s"
body = "%(body)s"
cookie = "%(cookie)s"
sent, answered = 0, 0
counts = {}
request = function()
  sent = sent + 1
  local headers = {Host = host, Cookie = "csrftoken=" .. cookie, Referer = "http://" .. host .. "/kontak/",
    ["Content-Type"] = "application/x-www-form-urlencoded"}
  if sent %% 2 == 1 then
    -- half from addresses of their own, as Caddy would forward many visitors
    headers["X-Forwarded-For"] = string.format("203.0.%%d.%%d", math.floor(sent / 250) %% 250, sent %% 250)
  end
  return wrk.format("POST", "/kontak/", headers, body)
end
response = function(status, headers, text)
  local key = "status_" .. status
  if status == 200 then
    key = "accepted"
  elseif status == 429 then
    key = string.find(text, "<title>Terlalu banyak kiriman</title>", 1, true) and "refused_429_front"
      or "refused_429_app"
  end
  counts[key] = (counts[key] or 0) + 1
  answered = answered + 1
  if answered >= total then
    wrk.thread:stop()
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SOCKET %%d\\n", e.connect + e.read + e.write + e.timeout))
end
"""


def complaint_flood(
    port: int, host: str, total: int, connections: int, counts: dict, *, cpu: int | None = None, rate: int = 0
) -> None:
    """POST `total` complaints to `host`'s /kontak/ through `port` with wrk, each with the form's
    CSRF token; `counts` gets accepted, refused by Varnish / by the application, other statuses.
    `cpu`: the one CPU wrk runs on (the sender kept off the server's CPUs); `rate`: posts a second
    over all connections (0: as fast as the connections go)."""
    import requests

    if not shutil.which("wrk"):
        raise SystemExit("wrk tidak terpasang: apt-get install wrk")
    session = requests.Session()
    page = session.get(f"http://127.0.0.1:{port}/kontak/", headers={"Host": host}, timeout=60).text
    token = Uploader._csrf(page)
    cookie = session.cookies.get("csrftoken", "")
    body = "&".join(
        f"{k}={v.replace(' ', '+')}" for k, v in {**COMPLAINT, "csrfmiddlewaretoken": token}.items()
    )
    lua = FLOOD_LUA % {"total": total, "host": host, "body": body, "cookie": cookie}
    if rate:
        # wrk waits delay() milliseconds before each request of a connection.
        lua += f"delay = function() return {connections * 1000 / rate} end\n"
    # Counts leave the thread through a file: wrk's `done` sees no thread's variables.
    report = Path(tempfile.mkdtemp(prefix="villageweb-flood-")) / "counts"
    lua += REPORT_LUA % {"path": report}
    script = report.with_name("flood.lua")
    script.write_text(lua)
    # wrk's main thread sleeps for the whole -d however early its threads stop: it is interrupted
    # (SIGINT: it prints its summary and exits) as soon as the counts say `total`.
    pinned = ["taskset", "-c", str(cpu)] if cpu is not None else []
    wrk = subprocess.Popen(
        [*pinned, "wrk", "-t1", f"-c{connections}", "-d3600s", "--timeout", "30s", "-s", str(script),
         f"http://127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    while wrk.poll() is None:
        done = report.is_file() and sum(int(line.split()[1]) for line in report.read_text().splitlines())
        if done and done >= total:
            wrk.send_signal(signal.SIGINT)
            break
        time.sleep(0.2)
    output = wrk.communicate(timeout=60)[0]
    for line in report.read_text().splitlines():
        key, value = line.split()
        counts[key] = int(value)
    counts["socket_errors"] = int(re.search(r"SOCKET (\d+)", output).group(1))
    shutil.rmtree(report.parent, ignore_errors=True)


REPORT_LUA = """
local previous_response = response
response = function(status, headers, text)
  previous_response(status, headers, text)
  if answered %% 500 == 0 or answered >= total then
    local file = io.open("%(path)s", "w")
    for key, value in pairs(counts) do
      file:write(key .. " " .. value .. "\\n")
    end
    file:close()
  end
end
"""


def village_cases(host: str) -> int:
    from django.db import connection

    from tenants.models import Village
    from villageweb.cases.models import Case

    connection.close()  # the server was restarted by an earlier scenario
    return Case.objects.filter(provider=Village.objects.get(domains__domain=host)).count()


def threads_pin(pids: list[int], cpus: set[int]) -> None:
    """Put every thread of `pids` on `cpus`: an affinity belongs to a thread, and a thread (or a
    process) started later takes its creator's, so PostgreSQL's new backends follow the postmaster."""
    for pid in pids:
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for thread in threads:
            try:
                os.sched_setaffinity(int(thread), cpus)
            except OSError:
                pass  # ended meanwhile


def server_processes(stack: Stack) -> dict[str, list[int]]:
    """The server side's processes by part: bin/serve's tree (Varnish, gunicorn), our Redis, and the
    embedded PostgreSQL (the postmaster and its backends)."""
    import psutil

    from villageweb.database import embedded_server

    parts: dict[str, list[int]] = defaultdict(list)
    tree = [psutil.Process(stack.serve.pid)]
    tree += tree[0].children(recursive=True) + [psutil.Process(stack.redis.process.pid)]
    postmaster = int((Path(embedded_server().pgdata) / "postmaster.pid").read_text().split()[0])
    tree += [psutil.Process(postmaster)] + psutil.Process(postmaster).children(recursive=True)
    for process in tree:
        try:
            text = " ".join(process.cmdline()) or process.name()
        except psutil.Error:
            continue
        part = next((name for name in ("varnish", "gunicorn", "redis", "postgres") if name in text), "other")
        parts[part].append(process.pid)
    return parts


def cpu_seconds(parts: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds (user + system) each part's processes have used so far."""
    import psutil

    used: dict[str, float] = {}
    for part, pids in parts.items():
        total = 0.0
        for pid in pids:
            try:
                times = psutil.Process(pid).cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system
        used[part] = total
    return used


def scenario_complaints(
    stack: Stack, load: Load, seconds: int, host: str, total: int, sender_cpu: int | None, rate: int = 0
) -> dict:
    """The complaint flood, its sender (wrk) on `sender_cpu` and everything of the server and of the
    measuring threads on the other CPUs, as if the sender were another machine: what is then left of
    any slowing is the platform's own cost of refusing the posts, which is also counted in CPU
    seconds per part of the stack."""
    before = village_cases(host)
    everything = os.sched_getaffinity(0)
    server_cpus = everything - {sender_cpu} if sender_cpu is not None else everything
    parts = server_processes(stack)
    if sender_cpu is not None:
        # This process too: the measuring threads are the "other villages' visitors".
        threads_pin([pid for pids in parts.values() for pid in pids] + [os.getpid()], server_cpus)
    timeline = load.start()
    used_calm = cpu_seconds(parts)
    time.sleep(5)
    counts: dict = {}
    used_before = cpu_seconds(parts)
    timeline.mark("flood")
    started = time.monotonic()
    complaint_flood(stack.front, host, total, 4, counts, cpu=sender_cpu, rate=rate)
    counts["rate_asked"] = rate or "full"
    counts["flood_s"] = round(time.monotonic() - started, 1)
    timeline.mark("over")
    used_after = cpu_seconds(parts)
    counts["cpu_s_during_flood"] = {
        part: round(used_after[part] - used_before.get(part, 0.0), 2) for part in sorted(used_after)
    }
    # What the flood added: each part's CPU during the flood less its rate in the 5 calm seconds
    # before it (Varnish also serves the measured visitors' cached pages meanwhile).
    calm_s = timeline.marks["flood"]
    counts["cpu_s_added_by_flood"] = {
        part: round(
            used_after[part]
            - used_before.get(part, 0.0)
            - (used_before.get(part, 0.0) - used_calm.get(part, 0.0)) / calm_s * counts["flood_s"],
            2,
        )
        for part in sorted(used_after)
    }
    counts["sender_cpu"] = sender_cpu
    counts["server_cpus"] = sorted(server_cpus)
    time.sleep(seconds)
    counts["cases_stored"] = village_cases(host) - before
    timeline = load.stop()
    if sender_cpu is not None:
        threads_pin(
            [pid for pids in server_processes(stack).values() for pid in pids] + [os.getpid()], everything
        )
    name = f"{total} complaints to {host}" + (f" at {rate}/s" if rate else "")
    result = summary(timeline, name, "flood", "over", **counts)
    # The baseline of the same run: the other villages' p95 in the 5 s before the flood.
    for stream, figures in result["streams"].items():
        calm = [seconds for at, seconds in timeline.latencies[stream] if at < timeline.marks["flood"]]
        figures["p95_ms_before"] = round(percentile(calm, 0.95) * 1000, 1) if calm else None
        during = figures["p95_ms_during"]
        figures["p95_ratio"] = (
            round(during / figures["p95_ms_before"], 2) if during and figures["p95_ms_before"] else None
        )
    app = result["streams"]["app"]
    reached = counts.get("accepted", 0) + counts.get("refused_429_app", 0)
    refused = counts.get("refused_429_front", 0)
    varnish_cpu = counts["cpu_s_added_by_flood"].get("varnish", 0.0)
    result["verdict"] = (
        f"{reached} of {total} posts reached gunicorn, {refused} refused by "
        f"Varnish; other villages' uncached p95 {app['p95_ms_before']} -> {app['p95_ms_during']} ms "
        f"(x {app['p95_ratio']}), errors {app['errors']} + {result['streams']['front']['errors']} (front); "
        f"Varnish CPU added {varnish_cpu} s"
        + (f" ({round(varnish_cpu / refused * 1e6)} us a refused post)" if refused else "")
        + (f"; sender on CPU {sender_cpu}, server on {sorted(server_cpus)}" if sender_cpu is not None else "")
    )
    return result


def media_mount() -> bool:
    """MEDIA_ROOT on its own small tmpfs (so it can be filled without filling the machine's disk)."""
    MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    if os.path.ismount(MEDIA_ROOT):
        return True
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={MEDIA_SIZE},mode=0755", "tmpfs", str(MEDIA_ROOT)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode:
        print(f"tmpfs tidak dapat dipasang ({mounted.stderr.strip()}): skenario disk dilewati")
    return mounted.returncode == 0


def uploader_create(host: str) -> str:
    """A superuser in the village's schema for the upload; returns the schema."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django_tenants.utils import schema_context

    from tenants.models import Village

    village = Village.objects.villages().get(domains__domain=host)
    with schema_context(village.schema_name):
        user, _ = get_user_model().objects.get_or_create(username=UPLOADER[0])
        user.is_superuser = user.is_staff = True
        user.set_password(UPLOADER[1])
        user.save()
    connection.set_schema_to_public()
    return village.schema_name


def sender_cpu(choice: str) -> int | None:
    cpus = sorted(os.sched_getaffinity(0))
    if choice == "none" or (choice == "last" and len(cpus) < 2):
        return None
    cpu = cpus[-1] if choice == "last" else int(choice)
    if cpu not in cpus or len(cpus) < 2:
        raise SystemExit(f"--sender-cpu {choice}: CPU yang ada {cpus}, dan satu harus tersisa untuk server")
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--villages", type=int, default=12)
    parser.add_argument("--seconds", type=int, default=20, help="seconds of load after each fault")
    parser.add_argument("--front-threads", type=int, default=2)
    parser.add_argument("--app-threads", type=int, default=4)
    parser.add_argument("--slow-connections", type=int, default=500)
    parser.add_argument("--flood-threads", type=int, default=4, help="threads of the one flooding client")
    parser.add_argument("--complaints", type=int, default=10_000)
    parser.add_argument(
        "--complaint-rates",
        default="0,500",
        help="comma-separated posts a second of each complaint flood, 0 = as fast as wrk goes (default: "
        "one flood at full speed, one at 500 a second)",
    )
    parser.add_argument(
        "--sender-cpu",
        default="last",
        help="the CPU the complaint flood's sender runs on, the server and the measuring threads on the "
        "others ('last': the last CPU when there are two or more; 'none': everything shares every CPU)",
    )
    parser.add_argument("--only", default=",".join(SCENARIOS), help="comma-separated: " + ",".join(SCENARIOS))
    parser.add_argument("--reuse", action="store_true", help="keep the scratch database of an earlier run")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args()
    chosen = [name for name in args.only.split(",") if name]
    unknown = set(chosen) - set(SCENARIOS)
    if unknown:
        raise SystemExit(f"skenario tidak dikenal: {', '.join(sorted(unknown))}")

    # The one server this script may stop: the checkout's embedded PostgreSQL.
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("VILLAGEWEB_BASE_DOMAIN", "localhost")
    mounted = media_mount()
    os.environ["VILLAGEWEB_MEDIA_ROOT"] = str(MEDIA_ROOT)
    database_url = scratch_database_url(SCRATCH_DB, fresh=not args.reuse)
    os.environ["DATABASE_URL"] = database_url
    hosts = build(args.villages, fresh=not args.reuse)
    schema = uploader_create(hosts[0])
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    report: dict = {"villages": len(hosts), "seconds": args.seconds, "uptime_before": uptime, "results": []}
    print(f"uptime sebelum: {uptime}")
    print(
        f"{len(hosts)} desa, {args.front_threads} thread lewat Varnish + {args.app_threads} langsung ke "
        f"gunicorn (2 worker), {args.seconds} s setelah tiap gangguan"
    )

    stack = Stack(database_url)
    try:
        stack.wait(os.environ["VILLAGEWEB_BASE_DOMAIN"])
        for host in hosts:
            for path in PATHS:
                get(stack.front, host, path)
        load = Load(stack, hosts, front_threads=args.front_threads, app_threads=args.app_threads)
        for name in chosen:
            if name == "redis":
                result = scenario_redis(stack, load, args.seconds)
            elif name == "postgresql":
                result = scenario_postgresql(stack, load, args.seconds)
            elif name == "worker":
                result = scenario_worker(stack, load, args.seconds)
            elif name == "disk" and mounted:
                result = scenario_disk(stack, load, args.seconds, hosts[0], schema)
            elif name == "slowloris":
                result = scenario_slowloris(stack, load, args.seconds, args.slow_connections)
            elif name == "flood":
                result = scenario_flood(stack, load, args.seconds, hosts, args.flood_threads)
            elif name == "complaints":
                # The flooded village's pages stay out of the measured load: the others must not slow.
                others = Load(
                    stack, hosts[1:] or hosts, front_threads=args.front_threads, app_threads=args.app_threads
                )
                cpu = sender_cpu(args.sender_cpu)
                for rate in [int(rate) for rate in args.complaint_rates.split(",")]:
                    result = scenario_complaints(
                        stack, others, args.seconds, hosts[0], args.complaints, cpu, rate
                    )
                    show(result)
                    report["results"].append(result)
                continue
            else:
                continue
            show(result)
            report["results"].append(result)
    finally:
        stack.stop()
        print(f"log bin/serve: {stack.log.name}")
    report["uptime_after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"uptime sesudah: {report['uptime_after']}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
