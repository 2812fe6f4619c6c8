import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

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
    not hold (provisioning's AuditEntry after a federation migration): compiled into one script, the
    state must include every app's earlier migrations (Django's collect_sql alone gave KeyError).
    The apps' latest migrations are the ones made pending: Django plans forward to the leaves, so an
    older migration under an applied leaf is never planned."""
    jlodro = village_factory("Jlodro")
    graph = MigrationLoader(connection).graph
    leaves = [node for node in graph.leaf_nodes() if node[0] in ("federation", "provisioning")]
    assert len(leaves) == 2
    with connection.cursor() as cursor:
        for app, name in leaves:
            cursor.execute(
                f'DELETE FROM "{jlodro.schema}".django_migrations WHERE app = %s AND name = %s', [app, name]
            )
    out = command_run("migrate_villages", processes=1)
    assert "1 skema dimigrasikan, 1 sudah mutakhir, 0 gagal" in out
