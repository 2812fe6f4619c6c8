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
