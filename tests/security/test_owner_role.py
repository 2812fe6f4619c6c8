"""The platform connected as production connects it: the database's owner, not a PostgreSQL superuser
(docs/deployment.md, step 3). Set-up, provisioning, export, purge, restore and migrate_villages run as
such a role with exactly the privileges the docs grant, and nothing more.

Every command runs as a `manage.py` process on a database of its own that the owner role created
from scratch (the test run's database belongs to a superuser, which would hide a missing privilege).
"""

import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tenants.models import Village

from ..factories import database_url, server_connect, subprocess_env

# A slow suite (a database built from nothing by the owner role): `bash bin/test --stack` and .ci/run.
pytestmark = pytest.mark.stack

OWNER = "vw_test_owner"
DATABASE = "vw_test_ownerdb"
CODE, SCHEMA = "35.23.99.7001", "village_3523997001"


@pytest.fixture
def owner_database():
    """The role and database of docs/deployment.md step 3: LOGIN, no SUPERUSER/CREATEDB/CREATEROLE,
    owner of the database, and no other grant."""
    password = secrets.token_hex(16)
    with server_connect() as su:
        su.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        su.execute(f"DROP ROLE IF EXISTS {OWNER}")
        su.execute(f"CREATE ROLE {OWNER} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{password}'")
        su.execute(f"CREATE DATABASE {DATABASE} OWNER {OWNER}")
    yield {"url": database_url(DATABASE, user=OWNER, password=password), "password": password}
    with server_connect() as su:
        su.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        su.execute(f"DROP ROLE IF EXISTS {OWNER}")
    shutil.rmtree(Path(settings.MEDIA_ROOT) / SCHEMA, ignore_errors=True)


def _manage(owner: dict, *args: str) -> subprocess.CompletedProcess:
    return _python(owner, "manage.py", *args)


def _python(owner: dict, *args: str) -> subprocess.CompletedProcess:
    """Python with `args` in the project, connected as the owner role."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=subprocess_env(owner["url"]),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _ok(owner: dict, *args: str) -> str:
    result = _manage(owner, *args)
    assert result.returncode == 0, f"{args[0]}: {result.stderr[-2000:]}"
    return result.stdout


def _sql(owner: dict, sql: str, params=()) -> list[tuple]:
    with server_connect(user=OWNER, password=owner["password"], dbname=DATABASE) as conn:
        return conn.execute(sql, params).fetchall()


def _schema_exists(owner: dict, schema: str) -> bool:
    return _sql(owner, "SELECT count(*) FROM pg_namespace WHERE nspname = %s", [schema]) == [(1,)]


@pytest.mark.heavy
def test_owner_role_without_superuser_exports_purges_and_restores_a_village(owner_database, tmp_path):
    owner = owner_database
    village_table = Village._meta.db_table

    assert "Platform siap." in _ok(owner, "init_platform")
    _ok(owner, "provision_village", "--code", CODE, "--name", "Jlodro", "--district", "Kenduruan")
    pages = _sql(owner, f'SELECT title, slug FROM "{SCHEMA}".wagtailcore_page ORDER BY path')
    assert len(pages) > 2 and pages[1][0] == "Desa Jlodro"

    archive = tmp_path / "jlodro.tar.gz"
    _ok(owner, "archive_village", CODE)
    _ok(owner, "export_village", CODE, "--output", str(archive))
    assert "dihapus permanen" in _ok(owner, "purge_village", CODE, "--noinput")
    assert not _schema_exists(owner, SCHEMA)

    assert "Desa Jlodro (35.23.99.7001) dipulihkan" in _ok(owner, "restore_village", str(archive))
    assert _sql(owner, f'SELECT title, slug FROM "{SCHEMA}".wagtailcore_page ORDER BY path') == pages
    assert _sql(owner, f"SELECT status FROM public.{village_table} WHERE code = %s", [CODE]) == [
        ("archived",)
    ]
    assert _sql(owner, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = %s", [SCHEMA]) == [
        (OWNER,)
    ]
    assert "0 gagal" in _ok(owner, "migrate_villages")
