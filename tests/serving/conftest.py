"""A real Varnish (Debian's varnishd) with the project's VCL, in front of Django's live server."""

import http.client
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

VCL = Path(settings.BASE_DIR) / "deploy" / "varnish" / "villageweb.vcl"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict
    body: str

    @property
    def cache(self) -> str:
        return self.headers.get("x-cache", "")


@dataclass
class Front:
    """Varnish's two listeners: `port` where Caddy forwards visitors ("front"), `ban_port` where only
    the platform sends bans ("ban", never forwarded to)."""

    port: int
    ban_port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def ban_url(self) -> str:
        return f"http://127.0.0.1:{self.ban_port}/"

    def request(
        self, host: str, path: str = "/", *, method: str = "GET", headers=None, body=None, port=None
    ) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, text)
        finally:
            connection.close()

    def ban_everything(self) -> None:
        answer = self.request("any", method="BAN", headers={"X-Ban-Hosts": "."}, port=self.ban_port)
        assert answer.status == 200


@pytest.fixture(scope="session")
def varnish(live_server):
    """varnishd on a free port, its backend the live server; skipped only where varnishd is missing."""
    binary = shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )
    if binary is None:
        pytest.skip("varnishd tidak terpasang (apt-get install varnish; .ci/run memasangnya)")
    backend_port = live_server.url.rsplit(":", 1)[1]
    workdir = Path(tempfile.mkdtemp(prefix="villageweb-varnish-"))
    vcl = workdir / "villageweb.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port, ban_port = free_port(), free_port()
    process = subprocess.Popen(
        [
            binary,
            "-F",
            "-j",
            "none",
            "-a",
            f"front=127.0.0.1:{port}",
            "-a",
            f"ban=127.0.0.1:{ban_port}",
            "-T",
            "none",
            "-f",
            str(vcl),
            "-n",
            str(workdir / "n"),
            "-s",
            "malloc,32m",
            "-p",
            "ban_lurker_sleep=0.1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    front = Front(port, ban_port)
    deadline = time.monotonic() + 60
    while True:
        try:
            front.request("localhost", "/_ping")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.poll() is not None else ""
                process.kill()
                pytest.fail(f"varnishd did not start: {output}")
            time.sleep(0.2)
    yield front
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def front(varnish, settings):
    """The cache, emptied, with the application sending its bans to it."""
    settings.VILLAGEWEB_FRONTCACHE_URLS = [varnish.ban_url]
    varnish.ban_everything()
    return varnish
