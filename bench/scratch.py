"""A scratch database for benchmarks: never the demo's, dropped and created afresh on every run."""

import os
import statistics
import sys
from pathlib import Path
from urllib.parse import urlparse

PROJECT_DIR = Path(__file__).resolve().parent.parent


def scratch_django_setup(database: str) -> None:
    """Point Django at an empty database `database` on the configured server, then set Django up."""
    sys.path.insert(0, str(PROJECT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "villageweb.settings.dev")
    from villageweb.database import database_config, database_url

    url = database_url()
    config = database_config(url)
    if config["NAME"] == database:
        raise SystemExit(f"refusing to use the configured database {database} as a scratch database")
    _ADMIN.update(
        dbname=config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
    )
    _admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)', f'CREATE DATABASE "{database}"')
    os.environ["DATABASE_URL"] = urlparse(url)._replace(path=f"/{database}").geturl()
    import django

    django.setup()


_ADMIN: dict = {}


def _admin_execute(*statements: str) -> None:
    """Run statements on the configured (non-scratch) database, outside any transaction."""
    import psycopg2

    admin = psycopg2.connect(**_ADMIN)
    admin.autocommit = True
    with admin.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    admin.close()


def scratch_drop(database: str) -> None:
    """Drop the scratch database (Django's own connection to it must be closed first)."""
    from django.db import connections

    connections.close_all()
    _admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def scratch_database_url(database: str, *, fresh: bool) -> str:
    """The configured server's URL naming `database`, (re)created empty first when `fresh`: for
    benchmarks whose processes (gunicorn, workers) read DATABASE_URL themselves."""
    from urllib.parse import urlunparse

    import psycopg2

    sys.path.insert(0, str(PROJECT_DIR))
    from villageweb.database import database_url

    url = urlparse(database_url())
    if fresh:
        admin = psycopg2.connect(urlunparse(url._replace(path="/postgres")))
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
            cursor.execute(f'CREATE DATABASE "{database}"')
        admin.close()
    return urlunparse(url._replace(path=f"/{database}"))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def median(values: list[float]) -> float:
    return statistics.median(values)
