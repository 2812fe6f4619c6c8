"""Migrating every village schema fast: one migration graph, one status query, SQL compiled once.

django-tenants' `migrate_schemas` runs Django's whole `migrate` command per schema: it loads the
migration graph, reads the schema's history and renders the project state again for each of the
328 schemas, even when nothing is pending (117 s measured for a no-op). Cloned village schemas are
identical, so here:

1. the graph is loaded once (from the template schema's history);
2. one UNION ALL query reads every schema's `django_migrations`; up-to-date schemas are skipped;
3. schemas are grouped by their pending plan; when every operation of a plan can be written as SQL
   (no RunPython), its SQL is compiled once (as `sqlmigrate` does) and each schema runs it with its
   own search_path; otherwise each schema gets Django's executor with the preloaded graph;
4. each schema runs in its own transaction in a pool of worker processes; a failure is reported
   by village code and, the transaction being rolled back, the schema is pending again on rerun.

The same function serves the command and the Diskominfo admin's job (provisioning/jobs/operator.py):
callbacks report the schemas about to be migrated and each schema's outcome as it finishes. A run
stopped at any point (a callback raising, a killed worker) leaves every schema either migrated and
recorded or untouched, so the next run migrates exactly the schemas still pending.

After plans that create or delete models, the post_migrate signal runs in the schema (content
types and permissions), as `migrate` does.

One run at a time across the whole platform, command and job alike: a run holds a PostgreSQL
advisory lock on a connection of its own for as long as it lasts (`schema_update_lock`). The lock
ends with that connection, so a killed run never leaves it behind.
"""

import multiprocessing
import os
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import CreateModel, DeleteModel
from django.db.migrations.recorder import MigrationRecorder
from django_tenants.utils import get_public_schema_name

from tenants.models import Village
from tenants.postgresql_backend.base import connection_recycle_if_wide

MigrationKey = tuple[str, str]


@dataclass
class SchemaOutcome:
    schema: str
    label: str
    applied: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class MigrationRun:
    up_to_date: list[str] = field(default_factory=list)
    migrated: list[SchemaOutcome] = field(default_factory=list)
    failed: list[SchemaOutcome] = field(default_factory=list)


class _ExistingTableRecorder(MigrationRecorder):
    """Django's recorder for a schema whose `django_migrations` is known to exist (every schema
    migrated here had its history read by `applied_by_schema`).

    Django checks that the table exists before it records a migration, by listing every table
    the search path can see: a scan of the whole `pg_class` (pg_table_is_visible on each of its
    ~600 rows per village), about 130 ms per schema at 328 villages. Done once per schema, that made
    a run grow with the square of the villages (bench/scale.py, docs/scaling.md)."""

    def has_table(self) -> bool:
        return True


class _PreloadedExecutor(MigrationExecutor):
    """Django's executor on a graph loaded once, with the applied set of the schema at hand."""

    def __init__(self, loader: MigrationLoader, applied: set[MigrationKey]):
        self.connection = connection
        self.loader = loader
        self.loader.connection = connection
        self.loader.applied_migrations = {key: None for key in applied}
        self.recorder = _ExistingTableRecorder(connection)
        self.progress_callback = None


# Set in the parent before the pool forks, read by the workers.
_loader: MigrationLoader | None = None


def tenant_schemas() -> dict[str, str]:
    """Every schema to migrate, the template first (new villages are cloned from it): schema -> label."""
    rows = (
        Village.objects.exclude(schema_name=get_public_schema_name())
        .order_by("code")
        .values_list("schema_name", "code")
    )
    schemas = {schema: code or schema for schema, code in rows}
    template = settings.TENANT_BASE_SCHEMA
    if template in schemas:
        schemas = {template: schemas.pop(template), **schemas}
    return schemas


def applied_by_schema(schemas: list[str]) -> dict[str, set[MigrationKey]]:
    """Every schema's migration history in one query."""
    applied: dict[str, set[MigrationKey]] = {schema: set() for schema in schemas}
    if not schemas:
        return applied
    union = " UNION ALL ".join(
        f'SELECT %s, app, name FROM "{schema}".django_migrations' for schema in schemas
    )
    with connection.cursor() as cursor:
        cursor.execute(union, schemas)
        for schema, app, name in cursor.fetchall():
            applied[schema].add((app, name))
    return applied


def _plan(loader: MigrationLoader, applied: set[MigrationKey]) -> list[MigrationKey]:
    executor = _PreloadedExecutor(loader, applied)
    return [(m.app_label, m.name) for m, _ in executor.migration_plan(loader.graph.leaf_nodes())]


def _writes_models(loader: MigrationLoader, plan: list[MigrationKey]) -> bool:
    return any(
        isinstance(operation, CreateModel | DeleteModel)
        for key in plan
        for operation in loader.graph.nodes[key].operations
    )


def _compiled_sql(loader: MigrationLoader, plan: list[MigrationKey], schema: str) -> str | None:
    """The plan as one SQL script, or None when an operation cannot be written as SQL."""
    migrations = [loader.graph.nodes[key] for key in plan]
    if any(not operation.reduces_to_sql for m in migrations for operation in m.operations):
        return None
    if any(not m.atomic for m in migrations):
        return None
    connection.set_schema(schema)
    # Django's collect_sql starts from the state before the plan's *first* migration only, which
    # lacks the models of other apps' earlier migrations when the plan spans apps (a new column on
    # provisioning's AuditEntry after a federation migration gave KeyError). Start from the state
    # before every migration of the plan instead.
    state = loader.project_state(plan, at_end=False)
    statements = []
    for migration in migrations:
        with connection.schema_editor(collect_sql=True, atomic=migration.atomic) as schema_editor:
            state = migration.apply(state, schema_editor, collect_sql=True)
        statements.extend(schema_editor.collected_sql)
    connection.set_schema_to_public()
    return "\n".join(statements)


def _schema_migrate(task: tuple) -> SchemaOutcome:
    schema, label, plan, sql, applied, post_migrate = task
    outcome = SchemaOutcome(schema=schema, label=label)
    try:
        connection.set_schema(schema)
        executor = _PreloadedExecutor(_loader, applied)
        migrations = [_loader.graph.nodes[key] for key in plan]
        with transaction.atomic():
            if sql is not None:
                with connection.cursor() as cursor:
                    if sql.strip():
                        cursor.execute(sql)
                for migration in migrations:
                    executor.record_migration(migration)
            else:
                executor.migrate(_loader.graph.leaf_nodes(), plan=[(m, False) for m in migrations])
            if post_migrate:
                emit_post_migrate_signal(0, False, connection.alias)
        outcome.applied = [f"{app}.{name}" for app, name in plan]
    except Exception as error:  # noqa: BLE001 - any failure is reported per village, the run goes on
        outcome.error = f"{type(error).__name__}: {error}".strip()
    finally:
        connection.set_schema_to_public()
        # A worker's connection caches the catalogue of every schema it migrated (~0.86 MiB each):
        # recycle it past VILLAGEWEB_CONN_MAX_SCHEMAS, as web requests do (tenants/postgresql_backend).
        connection_recycle_if_wide()
    return outcome


def _loader_load(schemas: dict[str, str]) -> MigrationLoader:
    connection.set_schema(next(iter(schemas)))
    try:
        return MigrationLoader(connection, ignore_no_migrations=True)
    finally:
        connection.set_schema_to_public()


def _plans(
    loader: MigrationLoader, schemas: dict[str, str]
) -> tuple[dict[str, list[MigrationKey]], dict[str, set[MigrationKey]]]:
    history = applied_by_schema(list(schemas))
    return {schema: _plan(loader, history[schema]) for schema in schemas}, history


def villages_pending(*, schemas: dict[str, str] | None = None) -> dict[str, str]:
    """The schemas with migrations pending (schema -> label), without migrating: the graph, one
    query over every schema's history, no SQL compiled. Cheap enough for an admin page."""
    schemas = schemas if schemas is not None else tenant_schemas()
    if not schemas:
        return {}
    plans, _ = _plans(_loader_load(schemas), schemas)
    return {schema: label for schema, label in schemas.items() if plans[schema]}


# pg_advisory_lock key of a schema update run (any 64-bit number no other lock of the platform uses).
SCHEMA_UPDATE_LOCK_KEY = 0x5649_4C4C_4D49_4752  # "VILLMIGR"
# How long a run waits for another one (or a killed one's connection) to let go before refusing.
SCHEMA_UPDATE_LOCK_WAIT = "10s"
SCHEMA_UPDATE_BUSY = (
    "Pembaruan skema lain sedang berjalan (dari admin Diskominfo atau perintah migrate_villages); "
    "tunggu sampai selesai, lalu jalankan lagi."
)


class SchemaUpdateBusy(Exception):
    """Another schema update run holds the lock."""


@contextmanager
def schema_update_lock():
    """Hold the platform's schema update lock while the block runs, or raise SchemaUpdateBusy.

    The lock lives on a connection of its own: the multi-process path closes Django's connections
    before it forks, and the lock must outlive that."""
    holder = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with holder.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{SCHEMA_UPDATE_LOCK_WAIT}'")
            try:
                cursor.execute("SELECT pg_advisory_lock(%s)", [SCHEMA_UPDATE_LOCK_KEY])
            except OperationalError as error:  # lock_timeout: another run holds it
                raise SchemaUpdateBusy(SCHEMA_UPDATE_BUSY) from error
        yield
    finally:
        holder.close()  # ending the session releases the lock


def villages_migrate(
    *,
    processes: int | None = None,
    schemas: dict[str, str] | None = None,
    on_pending: Callable[[dict[str, str]], None] | None = None,
    on_outcome: Callable[[SchemaOutcome], None] | None = None,
) -> MigrationRun:
    """Apply pending migrations to every village schema (and the template); report per village.

    `on_pending` gets the schemas about to be migrated (schema -> label) before the first one;
    `on_outcome` gets each schema's outcome in this process as soon as it has committed or failed.
    An exception from a callback ends the run; the schemas finished by then stay migrated.
    Raises SchemaUpdateBusy while another run (command or job) is going on.
    """
    with schema_update_lock():
        return _villages_migrate(processes, schemas, on_pending, on_outcome)


def _villages_migrate(processes, schemas, on_pending, on_outcome) -> MigrationRun:
    global _loader
    schemas = schemas if schemas is not None else tenant_schemas()
    run = MigrationRun()
    if not schemas:
        if on_pending:
            on_pending({})
        return run
    _loader = _loader_load(schemas)
    plans, history = _plans(_loader, schemas)
    tasks = []
    compiled: dict[tuple, str | None] = {}
    for schema, label in schemas.items():
        plan = plans[schema]
        if not plan:
            run.up_to_date.append(label)
            continue
        key = tuple(plan)
        if key not in compiled:
            compiled[key] = _compiled_sql(_loader, plan, schema)
        tasks.append((schema, label, plan, compiled[key], history[schema], _writes_models(_loader, plan)))
    if on_pending:
        on_pending({task[0]: task[1] for task in tasks})
    if not tasks:
        return run

    def record(outcome: SchemaOutcome) -> None:
        (run.failed if outcome.error else run.migrated).append(outcome)
        if on_outcome:
            on_outcome(outcome)

    processes = processes or settings.TENANT_MULTIPROCESSING_MAX_PROCESSES or os.cpu_count()
    processes = max(1, min(processes, len(tasks)))
    if processes == 1:
        for task in tasks:
            record(_schema_migrate(task))
    else:
        connections.close_all()
        with multiprocessing.get_context("fork").Pool(processes, initializer=connections.close_all) as pool:
            # Unordered: each outcome is reported as its schema finishes, not when the pool does.
            chunksize = max(1, len(tasks) // (processes * 8))
            for outcome in pool.imap_unordered(_schema_migrate, tasks, chunksize=chunksize):
                record(outcome)
    return run
