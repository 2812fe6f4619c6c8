"""Where the PostgreSQL server comes from.

With ``DATABASE_URL`` set, that server is used as it is. Without it, an embedded PostgreSQL from the
``pgserver`` wheel is started in the git-ignored ``.pgdata/`` folder and left running, so the web
server, management commands and tests of one checkout share one server and a fresh machine needs
nothing but Python.
"""

import os
import sys
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import dj_database_url
from django.db import DatabaseError

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


# Citus (docs/scaling.md, "On a Citus cluster"): the platform runs unchanged on a coordinator; the few
# paths that must act differently ask here once per database.
_citus_databases: dict[tuple, bool] = {}


def citus_enabled(connection) -> bool:
    """Whether `connection`'s database has the Citus extension (asked once per server and database)."""
    key = tuple(str(connection.settings_dict.get(part) or "") for part in ("HOST", "PORT", "NAME"))
    if key not in _citus_databases:
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')")
            _citus_databases[key] = cursor.fetchone()[0]
    return _citus_databases[key]


@contextmanager
def citus_schema_sharding(connection, *, on: bool):
    """Within: on Citus, CREATE SCHEMA makes a distributed schema (`on`: a village, a spare; its tables
    become colocated single-shard tables on one worker) or a plain schema of the coordinator (the
    template, whose rows the fast clone's pg_dump must see). Elsewhere: nothing."""
    if not citus_enabled(connection):
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('citus.enable_schema_based_sharding')")
        before = cursor.fetchone()[0]
        cursor.execute(f"SET citus.enable_schema_based_sharding TO {'on' if on else 'off'}")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('citus.enable_schema_based_sharding', %s, false)", [before])
        except DatabaseError:
            pass  # an aborted transaction: its rollback undoes the SET as well


def citus_schema_distribute(connection, schema_name: str) -> None:
    """On Citus, make `schema_name` (a village's or a spare's, all its tables) a distributed schema placed
    on one worker, in the current transaction; elsewhere nothing."""
    if citus_enabled(connection):
        with connection.cursor() as cursor:
            cursor.execute("SELECT citus_schema_distribute(%s::regnamespace)", [schema_name])


if __name__ == "__main__":
    # `python -m villageweb.database`: the URL every process on this machine should use (bin/serve).
    sys.stdout.write(database_url() + "\n")
