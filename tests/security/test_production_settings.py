"""Production defaults: the settings refuse to start without their database (never the embedded one)
and without the trusted proxies (else every visitor is 127.0.0.1 behind Caddy and Varnish)."""

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import RequestFactory

from villageweb.security import client_address as client_address_module
from villageweb.security.client_address import client_address, trusted_proxies_check

SNIPPET = "import villageweb.settings.production as s; print(s.DATABASES['default']['HOST'], s.DEBUG)"


def _import_production(**env) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-c", SNIPPET],
        env={
            **clean,
            "SECRET_KEY": "x" * 50,
            "VILLAGEWEB_PGDATA": "/nonexistent/pgdata",
            "VILLAGEWEB_TRUSTED_PROXIES": "127.0.0.1,::1",
            **env,
        },
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
        VILLAGEWEB_TRUSTED_PROXIES="127.0.0.1,::1",
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


DATABASE = "postgres://villageweb@db.internal:5432/villageweb"


def test_production_refuses_to_start_without_trusted_proxies():
    """The attack: the documented env file lacked the setting, so behind Caddy and Varnish every
    visitor was 127.0.0.1: one stranger's failures locked everyone out, all citizens shared one
    contact-form allowance, audit entries said 127.0.0.1."""
    result = _import_production(DATABASE_URL=DATABASE, VILLAGEWEB_TRUSTED_PROXIES="")
    assert result.returncode != 0
    assert "VILLAGEWEB_TRUSTED_PROXIES is empty" in result.stderr


def test_production_refuses_a_proxy_entry_that_is_no_address():
    result = _import_production(DATABASE_URL=DATABASE, VILLAGEWEB_TRUSTED_PROXIES="127.0.0.1,localhost")
    assert result.returncode != 0
    assert "'localhost' is not an IP address or CIDR range" in result.stderr


def test_check_deploy_fails_without_trusted_proxies(settings):
    settings.VILLAGEWEB_TRUSTED_PROXIES = []
    assert [error.id for error in trusted_proxies_check(None)] == ["villageweb.E010"]
    settings.VILLAGEWEB_TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    assert trusted_proxies_check(None) == []


def test_a_forwarded_request_from_an_unlisted_proxy_is_reported(settings, caplog, monkeypatch):
    settings.VILLAGEWEB_TRUSTED_PROXIES = ["10.0.0.1"]
    monkeypatch.setattr(client_address_module, "_last_logged", [0.0])
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    with caplog.at_level(logging.ERROR, logger="villageweb.security.client_address"):
        assert client_address(request) == "127.0.0.1"
    assert "VILLAGEWEB_TRUSTED_PROXIES does not list" in caplog.text


def test_every_deployment_file_sets_the_trusted_proxies():
    root = Path(settings.BASE_DIR)
    env_file = re.search(
        r"`/etc/villageweb/env`.*?```(.*?)```", (root / "docs/deployment.md").read_text(), re.S
    )
    assert "VILLAGEWEB_TRUSTED_PROXIES=127.0.0.1,::1" in env_file.group(1)
    for unit in ("villageweb.service", "villageweb-jobs.service"):
        text = (root / "deploy/systemd" / unit).read_text()
        assert "Environment=VILLAGEWEB_TRUSTED_PROXIES=127.0.0.1,::1" in text, unit
    assert (
        'VILLAGEWEB_TRUSTED_PROXIES="${VILLAGEWEB_TRUSTED_PROXIES:-127.0.0.1,::1}"'
        in (root / "bin/serve").read_text()
    )
