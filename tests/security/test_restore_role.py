"""The platform connected as production connects it: the database's owner, not a PostgreSQL superuser
(docs/deployment.md, step 3). Set-up, provisioning, export, purge, restore and migrate_villages run as
such a role with exactly the privileges the docs grant, and a hostile archive is still refused.

Every command runs as a `manage.py` process on a database of its own that the owner role created
from scratch (the test run's database belongs to a superuser, which would hide a missing privilege);
the eight hostile restores share one process, each on a database session of its own.
"""

import hashlib
import json
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from provisioning.models import VillageExport
from provisioning.sql_replay import RESTORE_ROLE
from tenants.models import Village

from ..factories import archive_sql_append, database_url, server_connect, subprocess_env

OWNER = "vw_test_owner"
DATABASE = "vw_test_ownerdb"
CODE, SCHEMA = "35.23.99.7001", "village_3523997001"
COPY_CODE, COPY_SCHEMA = "35.23.99.7002", "village_3523997002"


@pytest.fixture
def owner_database():
    """The role and database of docs/deployment.md step 3: LOGIN, no SUPERUSER/CREATEDB/CREATEROLE,
    owner of the database. The restore role is granted by the test, as the docs tell the operator."""
    password = secrets.token_hex(16)
    with server_connect() as su:
        su.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        su.execute(f"DROP ROLE IF EXISTS {OWNER}")
        su.execute(f"CREATE ROLE {OWNER} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{password}'")
        su.execute(f"CREATE DATABASE {DATABASE} OWNER {OWNER}")
        role_created = (
            su.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [RESTORE_ROLE]).fetchone() is None
        )
    url = database_url(DATABASE, user=OWNER, password=password)
    yield {"url": url, "password": password, "restore_role_created": role_created}
    with server_connect() as su:
        su.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        su.execute(f"DROP ROLE IF EXISTS {OWNER}")
        if role_created:  # made here for a fresh cluster; otherwise it is the platform's, shared
            su.execute(f"DROP ROLE IF EXISTS {RESTORE_ROLE}")
    for schema in (SCHEMA, COPY_SCHEMA):
        shutil.rmtree(Path(settings.MEDIA_ROOT) / schema, ignore_errors=True)


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


# restore_village for each archive in turn, in one process (a process start costs about 3 s), each on
# a database session of its own as a process of its own would have: what one hostile payload did to
# its session cannot help the next. Prints, per archive, the command's error and whether the copy's
# schema was left behind.
_RESTORES = """
import json, sys

import django

django.setup()
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

code, subdomain, schema, *archives = sys.argv[1:]
outcomes = []
for archive in archives:
    try:
        call_command("restore_village", archive, "--code", code, "--subdomain", subdomain)
        error = None
    except CommandError as refused:
        error = str(refused)
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", [schema])
        left = cursor.fetchone()[0] == 1
    connection.close()
    outcomes.append({"error": error, "schema_left": left})
print(json.dumps(outcomes))
"""


def _restores_each_in_its_own_session(
    owner: dict, archives: list[Path], *, code: str, subdomain: str, schema: str
) -> list:
    result = _python(owner, "-c", _RESTORES, code, subdomain, schema, *map(str, archives))
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _sql(owner: dict, sql: str, params=()) -> list[tuple]:
    with server_connect(user=OWNER, password=owner["password"], dbname=DATABASE) as conn:
        return conn.execute(sql, params).fetchall()


def _schema_exists(owner: dict, schema: str) -> bool:
    return _sql(owner, "SELECT count(*) FROM pg_namespace WHERE nspname = %s", [schema]) == [(1,)]


def _record_export(owner: dict, archive: Path) -> None:
    """An export record for a file, as if this platform had written it: the archive is "trusted"."""
    table = VillageExport._meta.db_table
    _sql(
        owner,
        f"INSERT INTO public.{table} (code, schema_name, path, sha256, size_bytes, created_at, created_by) "
        "VALUES (%s, %s, %s, %s, %s, now(), '') RETURNING id",
        [CODE, SCHEMA, str(archive), hashlib.sha256(archive.read_bytes()).hexdigest(), 1],
    )


@pytest.mark.heavy
def test_owner_role_without_superuser_exports_purges_and_restores_a_village(owner_database, tmp_path):
    owner = owner_database
    village_table = Village._meta.db_table

    # Without the restore role granted, set-up stops at once and tells the operator what to run.
    refused = _manage(owner, "init_platform")
    assert refused.returncode != 0
    assert f'GRANT {RESTORE_ROLE} TO "{OWNER}"' in refused.stderr
    assert _sql(owner, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]

    with server_connect() as su:  # docs/deployment.md, step 3
        if owner["restore_role_created"]:
            su.execute(f"CREATE ROLE {RESTORE_ROLE} NOLOGIN NOINHERIT")
        su.execute(f"GRANT {RESTORE_ROLE} TO {OWNER}")
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
    owned_by_restore_role = (
        "SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)"
        " + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid)"
        " + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid) FROM pg_roles r WHERE rolname = %s"
    )
    assert _sql(owner, owned_by_restore_role, [RESTORE_ROLE]) == [(0,)]
    assert "0 gagal" in _ok(owner, "migrate_villages")

    # A hostile archive with a matching export record is refused as owner too, and touches nothing.
    marker = Path(tempfile.gettempdir()) / f"vw-test-owner-{secrets.token_hex(8)}"
    template = settings.TENANT_BASE_SCHEMA
    names_before = _sql(owner, f"SELECT code, name FROM public.{village_table} ORDER BY code")
    payloads = {
        "copy to program": f"COPY (SELECT 1) TO PROGRAM 'touch {marker}';",
        "reset role, then public rows": f"RESET ROLE; UPDATE public.{village_table} SET name = 'diretas';",
        "set_config role": f"SELECT pg_catalog.set_config('role', '{OWNER}', false); "
        f"UPDATE public.{village_table} SET name = 'diretas';",
        "session authorization": f"SET SESSION AUTHORIZATION DEFAULT; UPDATE public.{village_table} "
        "SET name = 'diretas';",
        "public rows": f"UPDATE public.{village_table} SET name = 'diretas';",
        "another schema": f'DROP SCHEMA "{template}" CASCADE;',
        "role change": f"GRANT pg_execute_server_program TO {RESTORE_ROLE};",
        "temporary table the platform writes to": (
            "CREATE FUNCTION pg_temp.pintu() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"UPDATE public.{village_table} SET name = 'diretas'; RETURN NEW; END $$; "
            "CREATE TEMPORARY TABLE wagtailcore_site (id int, is_default_site bool, hostname text); "
            "INSERT INTO pg_temp.wagtailcore_site VALUES (1, true, 'x'); "
            "CREATE TRIGGER pintu BEFORE UPDATE ON pg_temp.wagtailcore_site "
            "FOR EACH ROW EXECUTE FUNCTION pg_temp.pintu();"
        ),
    }
    # The temporary table is created without error: the check after the replay is what refuses it.
    reasons = {"temporary table the platform writes to": "Arsip ditolak: SQL-nya membuat objek di luar skema"}
    hostile = []
    for number, payload in enumerate(payloads.values()):
        hostile.append(
            archive_sql_append(archive, tmp_path / f"hostile-{number}.tar.gz", sql=f"\n{payload}\n")
        )
        _record_export(owner, hostile[-1])
    outcomes = _restores_each_in_its_own_session(
        owner, hostile, code=COPY_CODE, subdomain="salinan", schema=COPY_SCHEMA
    )
    for name, outcome in zip(payloads, outcomes, strict=True):
        assert outcome["error"] is not None, name
        assert reasons.get(name, "Arsip ditolak") in outcome["error"], (name, outcome["error"][-1000:])
        assert not outcome["schema_left"], name
    assert not marker.exists()
    assert _sql(owner, f"SELECT code, name FROM public.{village_table} ORDER BY code") == names_before
    assert _schema_exists(owner, template)
    assert _sql(owner, "SELECT pg_has_role(%s, 'pg_execute_server_program', 'MEMBER')", [RESTORE_ROLE]) == [
        (False,)
    ]
