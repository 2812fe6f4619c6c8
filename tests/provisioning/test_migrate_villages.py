import pytest
from django.core.management.base import CommandError
from django.db import connection

from ..factories import command_run

pytestmark = pytest.mark.django_db


def test_migrate_villages_reports_counts(village_factory):
    jlodro = village_factory("Jlodro")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM \"{jlodro.schema}\".django_migrations WHERE app = 'support'")
        cursor.execute(f'DROP TABLE "{jlodro.schema}".support_supportaccesslog')
    out = command_run("migrate_villages", processes=1)
    assert "1 skema dimigrasikan, 1 sudah mutakhir, 0 gagal" in out


def test_migrate_villages_exits_1_naming_the_failed_village(village_factory):
    jlodro = village_factory("Jlodro")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM \"{jlodro.schema}\".django_migrations WHERE app = 'support'")
    with pytest.raises(CommandError, match=f"Migrasi gagal untuk: {jlodro.code}"):
        command_run("migrate_villages", processes=1)


def test_migrate_villages_applies_a_plan_that_spans_apps(village_factory):
    """Pending migrations of two apps, the later one changing a model the first one's history does
    not hold (provisioning's AuditEntry after federation's 0007): compiled into one script, the state
    must include every app's earlier migrations (Django's collect_sql alone gave KeyError)."""
    jlodro = village_factory("Jlodro")
    with connection.cursor() as cursor:
        cursor.execute(
            f'DELETE FROM "{jlodro.schema}".django_migrations WHERE (app, name) IN '
            "(('federation', '0007_village_activity'), ('provisioning', '0004_audit_reason'))"
        )
    out = command_run("migrate_villages", processes=1)
    assert "1 skema dimigrasikan, 1 sudah mutakhir, 0 gagal" in out
