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
