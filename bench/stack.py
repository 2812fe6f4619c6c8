"""The production stack for benchmarks: `bin/serve` (Varnish + gunicorn) with a Redis the benchmark owns.

The benchmark starts redis-server itself and hands its address to `bin/serve` as REDIS_URL (which
bin/serve honours), so that bench/faults.py can stop and restart Redis under load and bench/load.py
can count queries with the same cache. wrk (Debian's) drives the load; its Lua `done` hook prints
requests, latency percentiles and errors in one parseable line.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent

LUA = """
hosts = {%(hosts)s}
paths = {%(paths)s}
counter = 0
request = function()
  counter = counter + 1
  local host = hosts[(counter %% #hosts) + 1]
  local path = paths[(math.floor(counter / #hosts) %% #paths) + 1]
  return wrk.format("GET", path, {Host = host})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


@dataclass
class Line:
    label: str
    rate: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    requests: int
    load: str

    def show(self, baseline: float | None) -> str:
        ratio = f"{self.rate / baseline:6.3f}" if baseline else "     -"
        return (
            f"{self.label:<46} {self.rate:>9.0f} req/s  p50 {self.p50_ms:>7.1f} ms"
            f"  p95 {self.p95_ms:>7.1f} ms"
            f"  p99 {self.p99_ms:>7.1f} ms  errors {self.errors:>5}  x static {ratio}  load {self.load}"
        )


# A connection of a rate line waits this long between answers (wrk calls `delay` before each request),
# so that `connections` of them offer `rate` requests a second between them.
PACED = """
delay = function()
  return %(pause_ms)d
end
"""


def wrk(
    label: str,
    port: int,
    hosts: list[str],
    paths: list[str],
    duration: int,
    connections: int,
    rate: float | None = None,
) -> Line:
    """wrk over every host (each request the next host, then the next path), `duration` seconds.

    Without `rate`, each connection sends its next request as soon as the last is answered: the line
    measures the most the server does, and with many connections its percentiles are mostly the
    queue. With `rate`, the connections together offer about that many requests a second (each
    pauses between requests), so the percentiles are the time of a request at that load; a server
    that cannot keep up shows it as a rate below `rate`. The pause is counted from the answer, not
    from a schedule, so a slow answer delays the next request (wrk2's correction is not applied):
    compare the line's rate with `rate` before reading its percentiles."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk tidak terpasang: apt-get install wrk")
    handle, name = tempfile.mkstemp(suffix=".lua")
    os.close(handle)
    script = Path(name)
    lua = LUA % {"hosts": ", ".join(f'"{h}"' for h in hosts), "paths": ", ".join(f'"{p}"' for p in paths)}
    if rate:
        # 5% under the interval, for the few ms of the answer itself, which the pause does not include.
        lua += PACED % {"pause_ms": int(connections * 1000 / rate * 0.95)}
    script.write_text(lua)
    load = load_average()
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        script.unlink()
    result = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, micros, p50, p95, p99, socket_errors, status_errors = map(int, result.split()[1:])
    return Line(
        label,
        requests / (micros / 1e6),
        p50 / 1000,
        p95 / 1000,
        p99 / 1000,
        socket_errors + status_errors,
        requests,
        load,
    )


def get(port: int, host: str, path: str = "/", timeout: float = 30) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_for(port: int, host: str, seconds: int = 900, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"the stack exited ({process.returncode}) before answering on port {port}")
        try:
            if get(port, host, timeout=10) < 500:
                return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"the stack did not answer on port {port}")


class Redis:
    """A private redis-server, as bin/serve would start it, that can be stopped and started again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Stack:
    """`bash bin/serve` on free ports, with our Redis; `stop()` sends TERM as an operator would."""

    def __init__(self, database_url: str, *, workers: int = 2) -> None:
        self.redis = Redis()
        self.front = free_port()
        self.app = free_port()
        self.ban = free_port()
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": self.redis.url,
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "PORT": str(self.front),
            "APP_PORT": str(self.app),
            "BAN_PORT": str(self.ban),
            "WEB_CONCURRENCY": str(workers),
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.log = tempfile.NamedTemporaryFile(prefix="villageweb-serve-", suffix=".log", delete=False)
        self.serve = subprocess.Popen(
            ["bash", str(PROJECT_DIR / "bin" / "serve")],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def production_env(self) -> dict:
        """What bin/serve exports to gunicorn, for processes the benchmark starts beside it."""
        return {
            **self.env,
            "DJANGO_SETTINGS_MODULE": "villageweb.settings.production",
            "VILLAGEWEB_URL_SCHEME": "http",
            "VILLAGEWEB_URL_PORT": str(self.front),
            "VILLAGEWEB_TRUSTED_PROXIES": "127.0.0.1,::1",
            "VILLAGEWEB_FRONTCACHE_URLS": f"http://127.0.0.1:{self.ban}/",
        }

    def wait(self, host: str) -> None:
        wait_for(self.front, host, process=self.serve)

    def gunicorn_master(self):
        import psutil

        for child in psutil.Process(self.serve.pid).children(recursive=True):
            try:
                if "gunicorn" in " ".join(child.cmdline()) and child.parent().pid == self.serve.pid:
                    return child
            except psutil.Error:
                continue
        raise RuntimeError("gunicorn master not found")

    def workers(self) -> list:
        return self.gunicorn_master().children()

    def stop(self) -> None:
        try:
            os.killpg(self.serve.pid, signal.SIGTERM)
            self.serve.wait(timeout=60)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.serve.pid, signal.SIGKILL)
        self.redis.stop()
        self.log.close()
