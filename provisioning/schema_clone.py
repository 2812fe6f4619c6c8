"""Creating a village's schema fast: replay a snapshot of the template, or rename a ready spare.

django-tenants' clone (a plpgsql function walking the catalog object by object, then a per-village
`migrate_schemas --fake`) costs 0.8 s per village, growing to 1.3 s with 330 schemas. Here the
template schema is dumped once with `pg_dump` (tables, sequences, indexes, constraints and data,
django_migrations included; kept in the public schema, so once per template state for the whole
platform: pg_dump's own time grows with every schema of the database), and each village replays
that dump under its own schema name in a few statements on the current connection: the replay is
ordinary transactional DDL, so it commits or vanishes with the village's transaction. Spare
schemas, replayed ahead of time and renamed on demand (`ALTER SCHEMA ... RENAME` costs well under a
millisecond), take even that off a single provisioning.

A snapshot and every spare carry the template's migration state (a hash of its django_migrations
rows): when the template is migrated, old spares no longer match, are never handed out and are
dropped on the next refill; `init_platform` discards and refills the pool every time it runs.
"""

import hashlib
import io
import logging
import os
import re
import secrets
import subprocess
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django_tenants.utils import schema_exists

from provisioning.models import TemplateDump
from provisioning.pg_tools import PgToolMissing, pg_tool
from villageweb.database import citus_schema_distribute, citus_schema_sharding, client_environment

logger = logging.getLogger(__name__)

SPARE_PREFIX = "spare_"
SPARE_COMMENT_PREFIX = "villageweb spare schema, template state "
# Statements of the dump that configure pg_dump's own session; replayed they would change ours.
_SESSION_SETTING = re.compile(r"^(SET |SELECT pg_catalog\.set_config\()")
_COPY_HEADER = re.compile(r"^COPY .* FROM stdin;$")
# `x IN ('a', 'b')` on a varchar column is stored as a cast of the whole ARRAY to text[] and dumped
# that way; parsed back, the explicit cast would be pushed into every element (another expression
# tree, another pg_get_indexdef). Without the cast PostgreSQL adds the same array cast Django's own
# SQL got, so the replayed index is identical to the migrated one.
_ARRAY_CAST_TO_TEXT = re.compile(r"= ANY \(\(ARRAY\[((?:'[^']*'::character varying(?:, )?)+)\]\)::text\[\]\)")


class SchemaCloneUnavailable(Exception):
    """pg_dump cannot be found or cannot read the template: the caller falls back to the slow clone."""


@dataclass(frozen=True)
class Copy:
    header: str
    data: str


@dataclass(frozen=True)
class TemplateSnapshot:
    """The template schema as pg_dump wrote it, split into SQL chunks and COPY blocks."""

    template_schema: str
    state: str
    parts: tuple  # of str (SQL to execute) and Copy (data to load)

    def replay(self, schema_name: str) -> None:
        """Create `schema_name` as an exact copy of the template, inside the current transaction."""
        rename = re.compile(rf"\b{re.escape(self.template_schema)}\b")
        # On Citus the schema is first made as a plain schema of the coordinator (a few multi-statement
        # texts, as anywhere), then distributed as a whole: its tables become colocated single-shard
        # tables of one worker, rows included. Created distributed from the start, each of its ~560
        # CREATE TABLE/INDEX/constraint statements would be one distributed DDL command of its own, and
        # a text of several statements would reach the worker whole and be refused: measured 21 s a
        # village that way against 16 s (docs/scaling.md, "On a Citus cluster").
        with citus_schema_sharding(connection, on=False), connection.cursor() as cursor:
            for part in self.parts:
                if isinstance(part, Copy):
                    _copy_in(cursor, rename.sub(schema_name, part.header), part.data)
                else:
                    cursor.execute(rename.sub(schema_name, part))
        citus_schema_distribute(connection, schema_name)


def _copy_in(cursor, statement: str, data: str) -> None:
    """COPY ... FROM stdin with either driver: psycopg 3 (Django's choice when it is installed, as
    procrastinate requires) streams through `cursor.copy`, psycopg2 had `copy_expert`."""
    raw = cursor.cursor
    if hasattr(raw, "copy_expert"):
        raw.copy_expert(statement, io.StringIO(data))
        return
    with raw.copy(statement) as copy:
        copy.write(data)


def pg_dump_path() -> str:
    try:
        return pg_tool("pg_dump")
    except PgToolMissing as missing:
        raise SchemaCloneUnavailable(str(missing)) from None


def template_state(template_schema: str | None = None) -> str:
    """A hash of the migrations applied to the template: changes whenever the template is migrated."""
    template_schema = template_schema or settings.TENANT_BASE_SCHEMA
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT app, name FROM "{template_schema}".django_migrations ORDER BY app, name')
        rows = cursor.fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def _template_dump(template_schema: str) -> str:
    """pg_dump of the committed template schema (the caller's uncommitted changes are not in it)."""
    env = {**os.environ, **client_environment(connection.settings_dict)}
    try:
        return subprocess.run(
            [pg_dump_path(), f"--schema={template_schema}", "--no-owner", "--no-privileges"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise SchemaCloneUnavailable(f"pg_dump gagal: {error}") from error


def _dump_split(dump: str) -> tuple:
    parts: list = []
    sql: list[str] = []
    lines = iter(dump.splitlines(keepends=True))
    for line in lines:
        if line.startswith("--") or _SESSION_SETTING.match(line) or not line.strip():
            continue
        if _COPY_HEADER.match(line.rstrip("\n")):
            data = []
            for row in lines:
                if row == "\\.\n":
                    break
                data.append(row)
            if sql:
                parts.append("".join(sql))
                sql = []
            header = line.rstrip("\n").replace(" FROM stdin;", " FROM STDIN")
            parts.append(Copy(header=header, data="".join(data)))
            continue
        sql.append(_ARRAY_CAST_TO_TEXT.sub(r"= ANY (ARRAY[\1])", line))
    if sql:
        parts.append("".join(sql))
    return tuple(parts)


# The kept dump's row id -> that dump parsed: one entry per process. A new id (the template was
# migrated, or `init_platform` retook the dump) means another process may have dumped it already.
_snapshots: dict[int, TemplateSnapshot] = {}
# Always read in public by name: the dump is replayed as SQL into every new village, so no table a
# search path could put in front of it may stand in for it.
_KEPT_DUMPS = f'public."{TemplateDump._meta.db_table}"'
_KEPT_DUMP_ID = f"SELECT id FROM {_KEPT_DUMPS} WHERE template_schema = %s AND state = %s"


def template_snapshot_current(state: str | None = None) -> TemplateSnapshot:
    """The snapshot of the template as migrated now.

    pg_dump runs once per template state for the whole platform: the dump is kept in the public
    table of provisioning.models.TemplateDump (written in the caller's transaction, so a village
    that rolls back takes it with it) and parsed at most once per process. `init_platform`, which
    may change the template's content without a migration, discards it (`template_dump_discard`).
    `state` is the template's state when the caller has just read it (`template_state`).
    """
    template_schema = settings.TENANT_BASE_SCHEMA
    state = state or template_state(template_schema)
    with connection.cursor() as cursor:
        cursor.execute(_KEPT_DUMP_ID, [template_schema, state])
        row = cursor.fetchone()
        if row is not None and row[0] in _snapshots:
            return _snapshots[row[0]]
        if row is not None:
            cursor.execute(f"SELECT dump FROM {_KEPT_DUMPS} WHERE id = %s", [row[0]])
            dump_id, dump = row[0], cursor.fetchone()[0]
        else:
            dump = _template_dump(template_schema)
            # A second process that dumped the same state at once waits here for the first one's
            # transaction, then keeps the row that won.
            cursor.execute(
                f"INSERT INTO {_KEPT_DUMPS} (template_schema, state, dump, taken_at) "
                "VALUES (%s, %s, %s, now()) ON CONFLICT (template_schema, state) DO NOTHING RETURNING id",
                [template_schema, state, dump],
            )
            inserted = cursor.fetchone()
            if inserted is None:
                cursor.execute(_KEPT_DUMP_ID, [template_schema, state])
                inserted = cursor.fetchone()
            dump_id = inserted[0]
            cursor.execute(
                f"DELETE FROM {_KEPT_DUMPS} WHERE template_schema = %s AND state <> %s",
                [template_schema, state],
            )
    snapshot = TemplateSnapshot(template_schema=template_schema, state=state, parts=_dump_split(dump))
    _snapshots.clear()
    _snapshots[dump_id] = snapshot
    return snapshot


def template_dump_discard() -> None:
    """Forget the kept dump of the template, here and for every process: the next village or spare
    dumps the template afresh."""
    _snapshots.clear()
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {_KEPT_DUMPS} WHERE template_schema = %s",
            [settings.TENANT_BASE_SCHEMA],
        )


def schema_create(*, schema_name: str, snapshot: TemplateSnapshot | None = None) -> None:
    """Create a village schema identical to the template, in the current transaction.

    A matching spare is renamed when there is one; otherwise the snapshot is replayed.
    """
    state = snapshot.state if snapshot else template_state()
    if spare_take(schema_name=schema_name, state=state):
        return
    (snapshot or template_snapshot_current(state)).replay(schema_name)


def spare_take(*, schema_name: str, state: str) -> bool:
    """Rename a spare made from the current template state to `schema_name`; False if none is left."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s "
            "AND obj_description(oid, 'pg_namespace') = %s ORDER BY nspname",
            [SPARE_PREFIX.replace("_", r"\_") + "%", SPARE_COMMENT_PREFIX + state],
        )
        for (spare,) in cursor.fetchall():
            # Another process may be taking the same spare: the lock decides, the recheck confirms.
            cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [spare])
            if not cursor.fetchone()[0] or not schema_exists(spare):
                continue
            cursor.execute(f'ALTER SCHEMA "{spare}" RENAME TO "{schema_name}"')
            cursor.execute(f'COMMENT ON SCHEMA "{schema_name}" IS NULL')
            return True
    return False


def spares_list() -> dict[str, str]:
    """Spare schema name -> the template state it was made from."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname, coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace "
            "WHERE nspname LIKE %s",
            [SPARE_PREFIX.replace("_", r"\_") + "%"],
        )
        return {name: comment.removeprefix(SPARE_COMMENT_PREFIX) for name, comment in cursor.fetchall()}


def spares_refill(*, size: int, discard_all: bool = False) -> int:
    """Drop spares of an older template state (or all of them), then make spares up to `size`.

    Each spare is made and committed on its own, so a kill leaves only complete spares. Only one
    refill runs at a time (a session advisory lock); a second caller returns at once. Returns how
    many spares were made.
    """
    made = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext('villageweb spare refill'))")
        if not cursor.fetchone()[0]:
            return 0
    try:
        if discard_all:
            template_dump_discard()
        try:
            snapshot = template_snapshot_current()
        except SchemaCloneUnavailable:
            logger.warning("No pg_dump: spare schemas are not made; provisioning uses django-tenants' clone")
            return 0
        for name, state in spares_list().items():
            if discard_all or state != snapshot.state:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [name])
                    if cursor.fetchone()[0]:
                        cursor.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        current = sum(1 for state in spares_list().values() if state == snapshot.state)
        for _ in range(size - current):
            name = SPARE_PREFIX + secrets.token_hex(6)
            with transaction.atomic():
                snapshot.replay(name)
                comment = SPARE_COMMENT_PREFIX + snapshot.state
                with connection.cursor() as cursor:
                    cursor.execute(f"COMMENT ON SCHEMA \"{name}\" IS '{comment}'")
            made += 1
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(hashtext('villageweb spare refill'))")
    return made
