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
        env={**subprocess_env(), "DJANGO_SETTINGS_MODULE": "villageweb.settings.production", **env},
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
