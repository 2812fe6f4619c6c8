"""Production defaults: the settings refuse to start without their database (never the embedded one)."""

import os
import subprocess
import sys

from django.conf import settings

SNIPPET = "import villageweb.settings.production as s; print(s.DATABASES['default']['HOST'], s.DEBUG)"


def _import_production(**env) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-c", SNIPPET],
        env={**clean, "SECRET_KEY": "x" * 50, "VILLAGEWEB_PGDATA": "/nonexistent/pgdata", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_database_url():
    result = _import_production()
    assert result.returncode != 0
    assert "DATABASE_URL must be set in production" in result.stderr
    assert "pgserver" not in result.stderr  # it stopped before starting an embedded server


def test_production_uses_the_given_database_and_no_debug():
    result = _import_production(DATABASE_URL="postgres://villageweb@db.internal:5432/villageweb")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["db.internal", "False"]


def _manage(tmp_path, *, env_file: bool, **env) -> subprocess.CompletedProcess:
    """manage.py as an operator runs it on a server: no DJANGO_SETTINGS_MODULE named."""
    marker = tmp_path / "env"
    if env_file:
        marker.write_text("SECRET_KEY=...\n")
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY")
    }
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)",
        ],
        env={**clean, "VILLAGEWEB_ENV_FILE": str(marker), "VILLAGEWEB_PGDATA": "/nonexistent/pgdata", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_manage_py_on_a_production_server_runs_with_production_settings(tmp_path):
    loaded = _manage(
        tmp_path,
        env_file=True,
        DATABASE_URL="postgres://villageweb@db.internal:5432/villageweb",
        SECRET_KEY="x" * 50,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split()[-2:] == ["villageweb.settings.production", "False"]

    not_loaded = _manage(tmp_path, env_file=True)
    assert not_loaded.returncode != 0
    assert "Ini server produksi" in not_loaded.stderr and "set -a; ." in not_loaded.stderr
    assert "pgserver" not in not_loaded.stderr  # refused before any settings ran


def test_manage_py_without_the_server_environment_stays_on_development_settings(tmp_path):
    result = _manage(tmp_path, env_file=False, DATABASE_URL="postgres://dev@localhost:5432/villageweb")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["villageweb.settings.dev", "True"]
