"""A Redis outage degrades to the process's own short-lived cache (villageweb/freshness/redis_cache.py):
pages are served, nothing raises, and the dead Redis is not asked again for a few seconds."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCacheClient

from tests.serving.conftest import free_port
from villageweb.freshness import redis_cache as resilient


@pytest.fixture
def redis_down(settings, monkeypatch):
    """Every cache on a Redis address where nothing listens (as when redis-server is stopped)."""
    monkeypatch.setattr(resilient, "_broken_until", {})
    _caches_on(settings, free_port())


def _caches_on(settings, port: int) -> None:
    backend = {
        "BACKEND": "villageweb.freshness.redis_cache.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.5},
    }
    tenant_keys = {
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
    }
    settings.CACHES = {
        "default": {**backend, **tenant_keys},
        "renditions": {**backend, **tenant_keys, "KEY_PREFIX": "renditions"},
        "platform": {**backend, "KEY_PREFIX": "platform"},
    }


def test_during_an_outage_the_process_keeps_a_short_lived_cache_of_its_own(redis_down, monkeypatch):
    cache = caches["default"]
    cache.set("a", 1, timeout=3600)
    assert cache.get("a") == 1  # from the local fallback, not lost
    assert cache.get("b", "kosong") == "kosong"
    assert cache.add("a", 2) is False and cache.add("b", 2) is True
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    cache.delete("a")
    assert cache.get("a") is None
    with pytest.raises(ValueError):
        cache.incr("tidak-ada")
    # Nothing outlives FALLBACK_SECONDS, whatever timeout the caller asked for.
    later = time.time() + resilient.FALLBACK_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert cache.get("b") is None


def test_village_and_portal_pages_are_served_while_redis_is_down(redis_down, village_factory, client_for):
    village = village_factory("Kaliuntu")
    for path in ("/", "/berita/", "/kontak/"):
        assert client_for(village.domain).get(path).status_code == 200
    for path in ("/", "/berita-desa/"):
        assert client_for("localhost").get(path).status_code == 200
    sent = client_for(village.domain).post(
        "/kontak/",
        {
            "jenis": "pengaduan",
            "kategori": "lainnya",
            "perihal": "Lampu",
            "pesan": "Lampu jalan padam di RT 2.",
        },
        follow=False,
    )
    assert sent.status_code < 500


def _counting(monkeypatch) -> list:
    """Every call that reaches the Redis client (the network), counted."""
    calls = []
    for name in ("get", "set"):
        original = getattr(RedisCacheClient, name)

        def counted(self, *args, _original=original, **kwargs):
            calls.append(1)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(RedisCacheClient, name, counted)
    return calls


def test_after_a_failure_redis_is_skipped_for_a_few_seconds(redis_down, monkeypatch):
    """The attack surface: every cache call of every request waited on the dead Redis (connection
    attempts and retries), making the application 15 times slower during an outage."""
    calls = _counting(monkeypatch)
    cache = caches["default"]
    assert cache.get("a") is None
    assert len(calls) == 1
    for n in range(50):
        cache.set(f"k{n}", n)
        assert cache.get(f"k{n}") == n  # served by the process's own short-lived cache
    assert len(calls) == 1  # the breaker is open: nothing reached the network
    # When the break is over (no sleep: the moment is moved), the next call tries Redis again.
    monkeypatch.setattr(resilient, "_broken_until", dict.fromkeys(resilient._broken_until, 0.0))
    assert cache.get("a") is None
    assert len(calls) == 2


@pytest.fixture
def redis_server():
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not shutil.which(binary):
        pytest.skip("redis-server tidak terpasang (.ci/run memasangnya)")
    port = free_port()

    def start():
        process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return process
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    processes = [start()]
    yield port, processes, start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def test_the_cache_comes_back_when_redis_does(redis_server, settings, monkeypatch):
    port, processes, start = redis_server
    monkeypatch.setattr(resilient, "_broken_until", {})
    _caches_on(settings, port)
    cache = caches["default"]
    cache.set("a", 1)
    assert cache.get("a") == 1
    processes[0].terminate()
    processes[0].wait(timeout=10)
    # Down: the breaker opens and the process answers from what it kept while Redis was up.
    assert cache.get("a") == 1
    cache.delete("a")
    assert cache.get("a") is None
    processes.append(start())
    cache.set("a", 3)
    assert cache.get("a") == 3  # up again, but skipped until the break is over: the local copy
    monkeypatch.setattr(resilient, "_broken_until", dict.fromkeys(resilient._broken_until, 0.0))
    assert cache.get("a") is None  # the new server is empty: what was kept locally is not in it
    cache.set("a", 2)
    assert cache.get("a") == 2
