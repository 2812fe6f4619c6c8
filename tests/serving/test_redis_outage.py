"""A Redis outage degrades to no cache (tenants/cache.py): pages are served, nothing raises."""

import pytest
from django.core.cache import caches

from tests.serving.conftest import free_port


@pytest.fixture
def redis_down(settings):
    """Every cache on a Redis address where nothing listens (as when redis-server is stopped)."""
    backend = {
        "BACKEND": "tenants.cache.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
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


def test_reads_miss_and_writes_are_dropped_without_an_error(redis_down):
    cache = caches["default"]
    cache.set("a", 1)
    assert cache.get("a") is None
    assert cache.get("a", "kosong") == "kosong"
    assert cache.add("a", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    cache.delete("a")
    with pytest.raises(ValueError):
        cache.incr("a")


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
