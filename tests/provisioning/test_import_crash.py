"""A bulk import killed at any moment (SIGKILL) leaves no half-made village, and a rerun finishes it."""

import json
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from provisioning.subdomains import subdomain_from_name
from tenants.models import Village

from ..factories import server_connect, subprocess_env

pytestmark = pytest.mark.django_db(transaction=True)

TUBAN = settings.BASE_DIR / "provisioning" / "data" / "tuban_villages.csv"
COUNT = 14
TEST_PREFIX = "village_352399"  # tests/factories.py's villages (kecamatan code 99), not the import's


def _import_command(path):
    env = {**subprocess_env(), "VILLAGEWEB_IMPORT_WORKERS": "2"}
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), "import_villages", str(path), "--json"], env


def _villages() -> list[Village]:
    return list(Village.objects.villages())


def _relation_count(schema: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s",
            [schema],
        )
        return cursor.fetchone()[0]


def _village_schemas() -> set[str]:
    """Schemas of Tuban's villages: the import's own. Test villages (kecamatan code 99, from
    tests/factories.py) that other tests on this worker's database left are not this test's subject."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'village\\_35%%' AND nspname NOT LIKE %s",
            [TEST_PREFIX.replace("_", "\\_") + "%"],
        )
        return {row[0] for row in cursor.fetchall()}


def _assert_nothing_half_made() -> None:
    complete = _relation_count(settings.TENANT_BASE_SCHEMA)
    tenants = {v.schema_name for v in _villages() if not v.schema_name.startswith(TEST_PREFIX)}
    assert _village_schemas() == tenants  # no schema without its tenant, no tenant without a schema
    for schema in tenants:
        assert _relation_count(schema) == complete, schema
    for village in _villages():
        assert village.domains.filter(is_primary=True).exists()


def _wait_for_other_sessions_to_end(timeout: float = 60) -> None:
    """A killed client's transaction is rolled back once its server process notices; wait for that (idle
    connections, such as a pool another test left open, hold no transaction and are not waited for)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.2)
    raise AssertionError("sessions of the killed import did not end")


@pytest.fixture
def village_list(tmp_path, platform_committed):
    lines = TUBAN.read_text().splitlines()[: COUNT + 1]
    path = tmp_path / "villages.csv"
    path.write_text("\n".join(lines) + "\n")
    yield path
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        for schema in _village_schemas():
            cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def platform_committed(transactional_db):
    from provisioning.services import platform_init

    platform_init(migrate=False)
    connection.set_schema_to_public()


@contextmanager
def _domain_held(domain: str):
    """An uncommitted row holding `domain` in another session: the import's insert of that village's
    domain waits on it (unique index) inside its open transaction, until this ends and rolls back."""
    from django_tenants.utils import get_public_schema_name

    from tenants.models import Domain

    with server_connect(dbname=connection.settings_dict["NAME"]) as other:
        with other.transaction():
            other.execute(
                f'INSERT INTO "{Domain._meta.db_table}" (domain, tenant_id, is_primary) '
                f'SELECT %s, id, false FROM "{Village._meta.db_table}" WHERE schema_name = %s',
                [domain, get_public_schema_name()],
            )
            yield
            raise psycopg.Rollback()  # the row never existed for anyone else


def _import_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_import_killed_mid_run_leaves_no_half_made_village_and_rerun_completes(village_list):
    """Killed while one village is half made: its domain is held by another session, so that village's
    transaction waits mid-way (no race with the import's speed); the other worker makes the rest."""
    command, env = _import_command(village_list)
    held = village_list.read_text().splitlines()[5].split(",")[1]  # the fifth village of the list
    with _domain_held(f"{subdomain_from_name(held)}.{settings.VILLAGEWEB_BASE_DOMAIN}"):
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 240
        while not (_import_waits_on_a_lock() and len(_villages()) >= 3) and time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            time.sleep(0.05)
        assert _import_waits_on_a_lock(), "the import never reached the held village"
        process.send_signal(signal.SIGKILL)
        process.wait()
    _wait_for_other_sessions_to_end()

    made = len(_villages())
    assert 3 <= made < COUNT
    _assert_nothing_half_made()

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    result = json.loads(rerun.stdout)
    assert len(result["skipped"]) == made
    assert len(result["created"]) == COUNT - made
    assert result["errors"] == []
    assert len(_villages()) == COUNT
    _assert_nothing_half_made()
