"""The contract of `bash bin/serve` (issue #14): the production stack from the repository on one
machine — gunicorn behind Varnish with Redis, production settings, DATABASE_URL honoured, the front on
PORT with X-Cache on every answer — and TERM stops everything it started.

Runs the real script against a scratch database on the test server: a copy of this worker's test
database as the session set it up, so bin/serve's init_platform finds the platform migrated, as on
a restart (migrating from nothing costs about 40 s; tests/security/test_owner_role.py runs
init_platform on an empty database)."""

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import free_port

ROOT = Path(settings.BASE_DIR)
STACK_ENV = ROOT / "var" / "serve" / "stack.env"
# A real-stack suite (bin/serve: gunicorn, Varnish, Redis): `bash bin/test --stack` and .ci/run.
pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(
        not (Path("/usr/sbin/varnishd").exists() and Path("/usr/bin/redis-server").exists()),
        reason="varnish dan redis-server tidak terpasang (.ci/run memasangnya)",
    ),
]


def _get(port: int, host: str, path: str = "/"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        response.read()
        return response.status, {key.lower(): value for key, value in response.getheaders()}
    finally:
        conn.close()


def _wait_for_front(process, log: Path, port: int, seconds: float = 300):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"bin/serve exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            status, _ = _get(port, "localhost", "/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"bin/serve did not answer on port {port} within {seconds} s:\n{log.read_text()[-4000:]}")


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(params=["database_url", "embedded"])
def serve_database(request, tmp_path):
    """Where bin/serve's platform lives: a copy of the worker's migrated test database named by
    DATABASE_URL, or (issue #27 item 15) no DATABASE_URL at all, so bin/serve starts the embedded
    PostgreSQL (here in a folder of the test's own, VILLAGEWEB_PGDATA, never the checkout's
    .pgdata/) and builds the platform there from nothing, as on a fresh machine."""
    if request.param == "database_url":
        yield {"DATABASE_URL": request.getfixturevalue("database_copy")}
        return
    pgdata = tmp_path / "pgdata"
    yield {"VILLAGEWEB_PGDATA": str(pgdata)}
    if pgdata.exists():
        import pgserver

        pgserver.get_server(pgdata, cleanup_mode="delete").cleanup()  # it outlives bin/serve on purpose


@pytest.mark.heavy
def test_bin_serve_runs_the_stack_on_port_and_stops_everything_on_term(serve_database, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "VILLAGEWEB_"))},
        **serve_database,
        "PORT": str(port),
        "VILLAGEWEB_BASE_DOMAIN": "localhost",
        "WEB_CONCURRENCY": "1",
        "SECRET_KEY": "serve-test-" + "x" * 40,
    }
    env.pop("REDIS_URL", None)
    if "DATABASE_URL" not in serve_database:
        env.pop("DATABASE_URL", None)
    with log.open("w") as out:
        process = subprocess.Popen(
            ["bash", "bin/serve"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        # From nothing (the embedded case) the platform's migrations run first.
        _wait_for_front(process, log, port, seconds=300 if "DATABASE_URL" in serve_database else 900)
        if "DATABASE_URL" not in serve_database:
            assert "memakai PostgreSQL tertanam" in log.read_text()
        first_status, first = _get(port, "localhost", "/")
        second_status, second = _get(port, "localhost", "/")
        assert (first_status, second_status) == (200, 200)
        assert {first["x-cache"], second["x-cache"]} <= {"HIT", "MISS"}
        assert second["x-cache"] == "HIT", "the second anonymous GET of the portal home comes from Varnish"
        # The admin is never cached, and still says HIT or MISS.
        status, admin = _get(port, "localhost", "/admin/login/")
        assert status == 200 and admin["x-cache"] == "MISS"
        # Production settings: an unknown path gets the platform's 404, not Django's debug page.
        status, _ = _get(port, "localhost", "/tidak-ada-halaman-ini/")
        assert status == 404
        # The job worker runs beside the web server (scheduled news goes live), and a command run in
        # another shell finds the front cache and Redis in var/serve/stack.env (issue #27 item 18).
        group = subprocess.run(
            ["ps", "-o", "args=", "-g", str(process.pid)], capture_output=True, text=True
        ).stdout
        assert "manage.py run_jobs" in group, group
        stack = dict(line.split("=", 1) for line in STACK_ENV.read_text().splitlines())
        ban_url = stack["VILLAGEWEB_FRONTCACHE_URLS"]  # Varnish's own loopback ban listener
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", ban_url), ban_url
        assert stack["REDIS_URL"].startswith("redis://127.0.0.1:")
        from villageweb.settings.stack import stack_setting

        assert stack_setting("VILLAGEWEB_FRONTCACHE_URLS", {}) == ban_url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            returncode = process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("bin/serve did not stop within 60 s of TERM")
    assert returncode == 0, log.read_text()[-4000:]
    deadline = time.monotonic() + 10
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    leftover = _group_alive(process.pid)
    if leftover:
        os.killpg(process.pid, signal.SIGKILL)
    assert not leftover, "gunicorn, varnishd or redis-server outlived bin/serve's TERM"
    with pytest.raises(OSError):
        _get(port, "localhost", "/")
    assert not STACK_ENV.exists(), "stack.env outlived the stack"


def test_without_database_url_bin_serve_names_the_embedded_database():
    """bin/serve's header and docs/deployment.md: without DATABASE_URL it falls back to the embedded
    PostgreSQL (production settings refuse to guess, so bin/serve names it before they load)."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "villageweb.settings.dev"
    url = subprocess.run(
        [sys.executable, "-m", "villageweb.database"], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout.strip()
    assert url.startswith("postgresql://") and str(ROOT / ".pgdata") in url, url
    script = (ROOT / "bin" / "serve").read_text()
    assert script.index("python -m villageweb.database") < script.index(
        "export DJANGO_SETTINGS_MODULE=villageweb.settings.production"
    )
