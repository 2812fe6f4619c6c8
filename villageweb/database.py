"""Where the PostgreSQL server comes from.

With ``DATABASE_URL`` set, that server is used as it is. Without it, an embedded PostgreSQL from the
``pgserver`` wheel is started in the git-ignored ``.pgdata/`` folder and left running, so the web
server, management commands and tests of one checkout share one server and a fresh machine needs
nothing but Python.
"""

import os
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
EMBEDDED_DATA_DIR = Path(os.environ.get("VILLAGEWEB_PGDATA", PROJECT_DIR / ".pgdata"))
EMBEDDED_DATABASE_NAME = "villageweb"


@cache
def embedded_server():
    """Start (or find already running) the embedded server; it outlives this process on purpose."""
    # pgserver keeps its lock file in the user's runtime dir; give it one where none is set.
    os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/villageweb-runtime-{os.getuid()}")
    os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    import pgserver

    EMBEDDED_DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(EMBEDDED_DATA_DIR, cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{EMBEDDED_DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{EMBEDDED_DATABASE_NAME}";')
    return server


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return embedded_server().get_uri(database=EMBEDDED_DATABASE_NAME)


def database_config(url: str | None = None) -> dict:
    """A Django DATABASES entry on the (django-tenants based) tenants backend for ``url``."""
    url = url or database_url()
    # CONN_MAX_AGE: seconds a connection is reused (settings/base.py also closes one that has
    # visited more than VILLAGEWEB_CONN_MAX_SCHEMAS schemas; docs/scaling.md, database memory).
    # Checked before reuse in each request: a PostgreSQL restart costs no errors once it is back,
    # without restarting gunicorn (tests/serving/test_database_restart.py).
    config = dj_database_url.parse(
        url, conn_max_age=int(os.environ.get("VILLAGEWEB_CONN_MAX_AGE", "60")), conn_health_checks=True
    )
    # pgserver speaks over a Unix socket given as ?host=/path; dj-database-url drops it.
    socket_host = parse_qs(urlparse(url).query).get("host")
    if socket_host and not config.get("HOST"):
        config["HOST"] = socket_host[0]
    config["ENGINE"] = "tenants.postgresql_backend"  # django-tenants' backend, schema-keyed content types
    return config


def client_environment(config: dict) -> dict:
    """Environment variables that point libpq tools (pg_dump, psql) at the configured server."""
    env = {
        "PGHOST": str(config.get("HOST") or ""),
        "PGPORT": str(config.get("PORT") or ""),
        "PGUSER": str(config.get("USER") or ""),
        "PGDATABASE": str(config.get("NAME") or ""),
    }
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    return {key: value for key, value in env.items() if value}


if __name__ == "__main__":
    # `python -m villageweb.database`: the URL every process on this machine should use (bin/serve).
    print(database_url())  # noqa: T201
