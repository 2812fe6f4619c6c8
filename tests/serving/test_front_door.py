"""The production front door, Caddy -> Varnish -> Django, with the project's own Caddyfile snippet and
VCL: a visitor can neither ban the cache nor reach Caddy's on-demand TLS `ask`, though behind Caddy
every visitor reaches Varnish from 127.0.0.1 (the purgers' address)."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import Front, free_port

# A real-stack suite (Caddy and varnishd): `bash bin/test --stack` and .ci/run.
pytestmark = pytest.mark.stack

committing = pytest.mark.django_db(transaction=True)

DEPLOY = Path(settings.BASE_DIR) / "deploy"


def _snippet(varnish_port: int) -> str:
    """The Caddyfile's (villageweb) snippet, verbatim but for the Varnish address."""
    text = (DEPLOY / "caddy" / "Caddyfile").read_text()
    snippet = re.search(r"^\(villageweb\) \{\n.*?^\}\n", text, re.M | re.S).group(0)
    assert "reverse_proxy 127.0.0.1:6081" in snippet
    return snippet.replace("127.0.0.1:6081", f"127.0.0.1:{varnish_port}")


@pytest.fixture(scope="module")
def caddy(varnish):
    binary = shutil.which("caddy")
    if binary is None:
        pytest.skip("caddy tidak terpasang (apt-get install caddy; .ci/run memasangnya)")
    workdir = Path(tempfile.mkdtemp(prefix="villageweb-caddy-"))
    port = free_port()
    (workdir / "Caddyfile").write_text(
        "{\n\tadmin off\n\tauto_https off\n}\n\n"
        + _snippet(varnish.port)
        + f"\nhttp://:{port} {{\n\timport villageweb\n}}\n"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(workdir), "XDG_CONFIG_HOME": str(workdir), "HOME": str(workdir)}
    process = subprocess.Popen(
        [binary, "run", "--config", str(workdir / "Caddyfile"), "--adapter", "caddyfile"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"caddy did not start: {process.stdout.read().decode()}")
            time.sleep(0.1)
    yield Front(port, varnish.ban_port)
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)


def _raw(port: int, request_line: str, host: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(f"{request_line}\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


@committing
def test_a_visitor_cannot_ban_the_front_cache_through_caddy(front, caddy, transactional_village_factory):
    """The attack: `curl -X BAN -H 'X-Ban-Hosts: .' https://<any village>/` emptied the whole cache."""
    village = transactional_village_factory("Kaliuntu")
    caddy.request(village.domain)
    assert caddy.request(village.domain).cache == "HIT"
    for target in (caddy, front):  # through Caddy, and what Caddy forwards to (Varnish's front listener)
        refused = target.request(village.domain, method="BAN", headers={"X-Ban-Hosts": "."})
        assert refused.status == 403
    assert caddy.request(village.domain).cache == "HIT"
    # The platform's own bans, on the listener Caddy never forwards to, still work.
    assert front.request("x", method="BAN", headers={"X-Ban-Hosts": "."}, port=front.ban_port).status == 200
    assert caddy.request(village.domain).cache == "MISS"


@committing
def test_nothing_but_bans_is_answered_on_the_ban_listener(front):
    assert front.request("localhost", "/", port=front.ban_port).status == 404


@committing
def test_caddys_tls_ask_is_not_reachable_through_the_front(front, caddy, platform):
    """The attack: `/_tls/ask?domain=...` through Caddy reached the view from 127.0.0.1, so anyone
    could probe which names the platform serves (and the guard that keeps others from asking)."""
    for path in ("/_tls/ask?domain=localhost", "/%5Ftls/ask?domain=localhost", "//_tls/ask?domain=localhost"):
        answer = caddy.request("localhost", path)
        assert answer.status in (403, 404), path
        assert "Domain dikenal" not in answer.body, path
    absolute = _raw(front.port, "GET http://localhost/_tls/ask?domain=localhost HTTP/1.1", "localhost")
    assert absolute.startswith("HTTP/1.1 404"), absolute[:200]


def test_caddy_asks_gunicorn_directly_for_certificates():
    """The ask goes to gunicorn's own loopback port, which no proxy forwards to and which the view
    answers only without forwarding headers (tests/serving/test_tls_ask.py)."""
    caddyfile = (DEPLOY / "caddy" / "Caddyfile").read_text()
    unit = (DEPLOY / "systemd" / "villageweb.service").read_text()
    assert "ask http://127.0.0.1:8000/_tls/ask" in caddyfile
    assert "--bind 127.0.0.1:8000" in unit
    assert "127.0.0.1:8000" not in _snippet(6081)


@committing
def test_caddy_refuses_an_oversized_body_by_path(caddy, platform):
    """Issue 26, item 13: no body limit anywhere, so a 60 MB anonymous POST reached the application."""
    large = b"pesan=" + b"x" * (200 * 1024)
    refused = caddy.request("localhost", "/kontak/", method="POST", body=large)
    assert refused.status == 413
    # The same body to the admin's upload path is under its tier: it goes on (to the log-in, CSRF...).
    upload = caddy.request("localhost", "/admin/images/multiple/add/", method="POST", body=large)
    assert upload.status != 413


class _DjangoRequests:
    """Requests the application itself received (its request_started signal), by path."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __call__(self, sender, environ=None, **kwargs) -> None:
        self.paths.append(environ.get("PATH_INFO", "") if environ else "")

    def count(self, path: str) -> int:
        return self.paths.count(path)


@pytest.fixture
def django_requests():
    from django.core.signals import request_started

    counter = _DjangoRequests()
    request_started.connect(counter)
    yield counter
    request_started.disconnect(counter)


def _post_from(port: int, source: str, host: str, path: str, headers=None) -> tuple[int, str]:
    """A form post sent from the loopback address `source` (127.0.0.x), so each test has an address
    of its own in the front's per-address buckets, which live as long as the session's varnishd."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        connection.request(
            "POST",
            path,
            body="jenis=pengaduan&pesan=banjir",
            headers={"Host": host, "Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
        )
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


FORM_LIMIT_PER_ADDRESS = (30, 600)  # deploy/varnish/villageweb.vcl, "Public forms": posts, seconds
FORM_LIMIT_PER_ADDRESS_AND_HOST = (10, 600)
FORM_LIMIT_PER_HOST = (30, 60)
FORM_LIMIT_PER_HOST_BURST = (3, 1)
# Posts to one host are sent just under the burst bucket's rate where a test measures another bucket.
UNDER_BURST = FORM_LIMIT_PER_HOST_BURST[1] / FORM_LIMIT_PER_HOST_BURST[0] * 1.05


def _flood(send, limit: tuple[int, int]) -> tuple[int, list[tuple[int, str]]]:
    """Posts through `send(n)`, one every UNDER_BURST seconds, until the first refusal, then ten more
    at once. A token bucket holds `posts` and gains one every period/posts seconds, so while the
    flood lasts a few more may pass: never more than that rate allows. Returns how many passed in
    all and the last ten answers."""
    posts, period = limit
    started = time.monotonic()
    passed = 0
    while (answer := send(passed))[0] != 429:
        passed += 1
        assert passed <= posts + (time.monotonic() - started) * posts / period + 1, "never refused"
        time.sleep(max(0.0, started + passed * UNDER_BURST - time.monotonic()))
    assert passed >= posts
    burst_started = time.monotonic()
    answers = [answer] + [send(passed + n) for n in range(1, 10)]
    through = sum(status != 429 for status, _ in answers)
    assert through <= (time.monotonic() - burst_started) * posts / period + 1, [s for s, _ in answers]
    return passed + through, answers


@committing
def test_a_complaint_flood_from_one_address_is_refused_before_django(
    front, caddy, transactional_village_factory, django_requests
):
    """Issue 30: 10,000 complaints refused by the application still cost 10,000 Django requests and
    slowed every other village 3.7x. Past the front's allowance they never reach Django; a made-up
    X-Forwarded-For through Caddy buys no new allowance; another address and another village's
    pages are served as before."""
    village = transactional_village_factory("Mentoso")
    other = transactional_village_factory("Jlodro")
    # One address may send one host only 10 in 10 minutes: its 30 go to four villages in turn.
    hosts = [village.domain] + [
        transactional_village_factory(name).domain for name in ("Wangi", "Kebonharjo")
    ]
    hosts.append(other.domain)

    def send(n: int):
        return _post_from(
            caddy.port, "127.0.0.2", hosts[n % 4], "/kontak/", {"X-Forwarded-For": f"198.51.100.{n % 250}"}
        )

    passed, refused = _flood(send, FORM_LIMIT_PER_ADDRESS)
    assert django_requests.count("/kontak/") == passed
    assert "Terlalu banyak kiriman" in refused[-1][1] and "10 menit" in refused[-1][1]
    # Every host counts for the same address: the other village's form is refused to it too...
    assert _post_from(caddy.port, "127.0.0.2", other.domain, "/kontak/")[0] == 429
    # ...but not to another address (on another host: the flooded host's own bucket of 30 a minute
    # has just been spent, one post back every 2 s), and nobody's pages are touched.
    assert _post_from(caddy.port, "127.0.0.3", other.domain, "/kontak/")[0] != 429
    assert caddy.request(other.domain, "/").status == 200
    # The admin (log-in and editors' forms) is left to the log-in throttle.
    assert _post_from(caddy.port, "127.0.0.2", village.domain, "/admin/login/")[0] != 429


@committing
def test_one_address_cannot_spend_a_villages_allowance_for_everyone(
    front, transactional_village_factory, django_requests
):
    """Before, one address's 30 posts used up a village's 30 a minute: every other citizen's complaint
    to that village was refused for a minute. One address now gets 10 posts a host in 10 minutes;
    the village still takes another address's complaint."""
    village = transactional_village_factory("Sendangharjo")

    def send(n: int):
        return _post_from(
            front.port, "127.0.0.1", village.domain, "/kontak/", {"X-Forwarded-For": "10.7.0.1"}
        )

    passed, refused = _flood(send, FORM_LIMIT_PER_ADDRESS_AND_HOST)
    assert passed < FORM_LIMIT_PER_HOST[0]
    assert django_requests.count("/kontak/") == passed
    citizen = {"X-Forwarded-For": "10.7.0.2"}
    assert _post_from(front.port, "127.0.0.1", village.domain, "/kontak/", citizen)[0] != 429


@committing
def test_a_complaint_flood_from_many_addresses_is_refused_per_host(
    front, transactional_village_factory, django_requests
):
    """A flood from many addresses (here: X-Forwarded-For as Caddy would write it, on Varnish's loopback
    listener): each address is under its allowance, the flooded host's total is not; other hosts'
    forms still reach the application."""
    village = transactional_village_factory("Sumurgung")
    other = transactional_village_factory("Tasikmadu")

    def send(n: int):
        address = {"X-Forwarded-For": f"10.9.{n // 200}.{n % 200}"}
        return _post_from(front.port, "127.0.0.1", village.domain, "/kontak/", address)

    passed, refused = _flood(send, FORM_LIMIT_PER_HOST)
    assert django_requests.count("/kontak/") == passed
    fresh = {"X-Forwarded-For": "10.99.0.1"}
    assert _post_from(front.port, "127.0.0.1", other.domain, "/kontak/", fresh)[0] != 429


@committing
def test_a_burst_of_posts_reaches_the_application_a_few_a_second(
    front, transactional_village_factory, django_requests
):
    """A full minute's bucket let 30 posts through at once: half a second of both gunicorn workers,
    in which every other village's uncached pages waited (bench/faults.py --only complaints). A burst
    from many addresses now reaches the application at most 3 a second."""
    village = transactional_village_factory("Gesikharjo")
    posts, period = FORM_LIMIT_PER_HOST_BURST
    started = time.monotonic()
    answers = [
        _post_from(front.port, "127.0.0.1", village.domain, "/kontak/", {"X-Forwarded-For": f"10.8.0.{n}"})
        for n in range(12)
    ]
    through = sum(status != 429 for status, _ in answers)
    assert posts <= through <= posts + (time.monotonic() - started) * posts / period + 1
    assert django_requests.count("/kontak/") == through
    assert "Terlalu banyak kiriman" in answers[-1][1]


@committing
def test_caddy_refuses_an_oversized_chunked_body_with_413(caddy, platform):
    """A body sent without a length (chunked) is cut by request_body when it passes the tier; Caddy
    2.6's reverse_proxy reports that cut as 502, which the snippet's handle_errors answers as 413."""

    def chunks():
        for _ in range(64):
            yield b"x" * 4096  # 256 KiB against the public 64 KiB

    refused = caddy.request("localhost", "/kontak/", method="POST", body=chunks())
    assert refused.status == 413, (refused.status, refused.body[:200])
    assert "Kiriman terlalu besar" in refused.body
    within = caddy.request("localhost", "/kontak/", method="POST", body=iter([b"pesan=halo"]))
    assert within.status not in (413, 502)
