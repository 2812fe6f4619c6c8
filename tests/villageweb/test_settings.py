"""Production settings refuse to start without secrets and pass Django's deployment checks."""

import subprocess
import sys

import pytest

from ..factories import subprocess_env

pytestmark = pytest.mark.django_db


def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        env={
            **subprocess_env(),
            "DJANGO_SETTINGS_MODULE": "villageweb.settings.production",
            "VILLAGEWEB_TRUSTED_PROXIES": "127.0.0.1,::1",
            **env,
        },
    )


def test_production_refuses_to_start_without_secret_key():
    completed = _manage("check", SECRET_KEY="")
    assert completed.returncode != 0
    assert "SECRET_KEY must be set" in completed.stderr


def test_production_passes_check_deploy():
    completed = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="Zq8vT3pL9wR2kM7bN4cX6jH1fD5sA0gY-qWeRtYuIoPaSdFgHjKl",
    )
    assert completed.returncode == 0, completed.stderr
    assert "no issues" in completed.stdout


def _redis_reachable() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis at 127.0.0.1:6379 on this machine")
def test_production_with_redis_keeps_every_cache_alias_and_the_platform_cache_schema_free():
    """REDIS_URL replaces the caches: each alias the code asks for (caches["platform"] on every
    portal request) must still exist, and the platform keys must not carry a schema."""
    script = (
        "from django.conf import settings; from django.core.cache import caches; "
        "from django_tenants.utils import schema_context; "
        "assert set(settings.CACHES) == {'default', 'renditions', 'platform'}, settings.CACHES; "
        "[caches[alias].set('villageweb-check', alias, 30) for alias in settings.CACHES]; "
        "got = [caches[alias].get('villageweb-check') for alias in settings.CACHES]; "
        "assert got == list(settings.CACHES), got; "
        "caches['platform'].set('villageweb-shared', 1, 30); "
        "ctx = schema_context('some_village'); ctx.__enter__(); "
        "assert caches['platform'].get('villageweb-shared') == 1; "
        "print('redis ok', type(caches['platform']).__name__)"
    )
    completed = _manage(
        "shell",
        "-c",
        script,
        SECRET_KEY="Zq8vT3pL9wR2kM7bN4cX6jH1fD5sA0gY-qWeRtYuIoPaSdFgHjKl",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert completed.returncode == 0, completed.stderr
    assert "redis ok ResilientRedisCache" in completed.stdout  # freshness/redis_cache.py: an outage is a miss


def test_exports_of_a_checkout_land_in_a_git_ignored_folder(settings):
    """Archives hold a village's whole data: in a checkout they go under var/ (git-ignored), never
    into a folder `git add -A` would pick up (the media root's sibling `exports/` was one)."""
    from pathlib import Path

    root = Path(settings.BASE_DIR)
    export_root = Path(settings.VILLAGEWEB_EXPORT_ROOT)
    assert export_root.is_relative_to(root / "var")
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(export_root / "village.tar.gz")], cwd=root, capture_output=True
    )
    assert ignored.returncode == 0
