"""migrate_villages' engine: pending migrations land in each schema once; failures are per village."""

import pytest
from django.db import connection

from provisioning.schema_migrations import applied_by_schema, tenant_schemas, villages_migrate

pytestmark = pytest.mark.django_db


def _forget_support_migration(schema: str, *, drop_table: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM \"{schema}\".django_migrations WHERE app = 'support'")
        if drop_table:
            cursor.execute(f'DROP TABLE "{schema}".support_supportaccesslog')


def _has_table(schema: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
            [schema, "support_supportaccesslog"],
        )
        return cursor.fetchone() is not None


def test_only_schemas_with_pending_migrations_are_migrated(village_factory):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    _forget_support_migration(jlodro.schema, drop_table=True)

    run = villages_migrate(processes=1)

    assert [outcome.label for outcome in run.migrated] == [jlodro.code]
    assert run.migrated[0].applied == ["support.0001_support_access_log"]
    assert wangi.code in run.up_to_date and "village_template" in run.up_to_date
    assert _has_table(jlodro.schema)
    assert ("support", "0001_support_access_log") in applied_by_schema([jlodro.schema])[jlodro.schema]
    assert villages_migrate(processes=1).migrated == []


def test_a_failing_village_is_reported_by_code_and_retried_on_rerun(village_factory):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    _forget_support_migration(jlodro.schema, drop_table=False)  # the table is in the way
    _forget_support_migration(wangi.schema, drop_table=True)

    run = villages_migrate(processes=1)

    assert [outcome.label for outcome in run.failed] == [jlodro.code]
    assert "already exists" in run.failed[0].error
    assert [outcome.label for outcome in run.migrated] == [wangi.code]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TABLE "{jlodro.schema}".support_supportaccesslog')
    rerun = villages_migrate(processes=1)
    assert [outcome.label for outcome in rerun.migrated] == [jlodro.code] and not rerun.failed


def test_template_schema_comes_first(village_factory):
    village_factory("Jlodro")
    assert next(iter(tenant_schemas())) == "village_template"


@pytest.mark.django_db(transaction=True)
def test_worker_pool_migrates_each_pending_village_once_and_reports_failures(transactional_village_factory):
    villages = [
        transactional_village_factory(name) for name in ("Jlodro", "Wangi", "Prunggahan", "Sugihwaras")
    ]
    broken = villages[0]
    _forget_support_migration(broken.schema, drop_table=False)  # its table is in the way: fails
    for village in villages[1:]:
        _forget_support_migration(village.schema, drop_table=True)

    run = villages_migrate(processes=3)

    assert [outcome.label for outcome in run.failed] == [broken.code]
    assert sorted(outcome.label for outcome in run.migrated) == sorted(
        village.code for village in villages[1:]
    )
    for village in villages[1:]:
        assert _has_table(village.schema)
    history = applied_by_schema([village.schema for village in villages])
    assert ("support", "0001_support_access_log") not in history[broken.schema]  # rolled back: retried
    rerun = villages_migrate(processes=3)
    assert rerun.migrated == [] and [outcome.label for outcome in rerun.failed] == [broken.code]


def test_migrating_a_schema_does_not_list_every_table_of_the_database(village_factory):
    """Django's recorder lists every table the search path sees (a scan of the whole pg_class)
    before it records a migration; once per schema, that made migrate_villages grow with the square
    of the villages (docs/scaling.md). Only the graph's loading, once per run, may list them."""
    from django.test.utils import CaptureQueriesContext

    villages = [village_factory(name) for name in ("Jlodro", "Wangi", "Sumurgung")]
    for village in villages:
        _forget_support_migration(village.schema, drop_table=True)

    with CaptureQueriesContext(connection) as queries:
        run = villages_migrate(processes=1)

    assert sorted(outcome.label for outcome in run.migrated) == sorted(village.code for village in villages)
    catalog_listings = [query["sql"] for query in queries if "pg_table_is_visible" in query["sql"]]
    assert len(catalog_listings) <= 1, f"{len(catalog_listings)} listings of every table for 3 schemas"
