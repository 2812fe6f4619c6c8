"""A village schema's rows, out to data and back in, without ever running SQL that came with them.

An archive passes through people's hands; even one whose checksum matches its export record may have
been written by a compromised export. So an archive holds no SQL at all, only each table's rows in
PostgreSQL's COPY text format and, in the manifest, each table's column names. A restore creates the
village's schema from the platform's own template (as provisioning does) and loads the rows into the
tables the template has, through `COPY ... FROM STDIN`: a value is only ever a value. Table and column
names must be the template's own (they are also quoted as identifiers). Every catalogue name is
qualified with `pg_catalog.` and every table with its schema, so no `search_path` can put another
object in front of them.

What the template's tables run on an insert (column defaults, CHECK constraints, type input) is the
platform's own code; the template has no triggers, rules or policies.
"""

from collections.abc import Callable

import psycopg
from django.db import DatabaseError, connection
from psycopg import sql

# Rows an export leaves out: sessions are log-ins in someone's hands; the migration record belongs to
# the schema the template makes, not to the village (the archive's own list is in its manifest).
TABLES_NOT_EXPORTED = ("django_session", "django_migrations")


class RowsRefused(Exception):
    """The archive's rows do not fit the template. The message (Indonesian) is for the operator."""


_COLUMNS = """
    SELECT c.relname, a.attname
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
    WHERE n.nspname = %s AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum
"""

# Every sequence a column of the schema draws from (serial and identity columns alike).
_SEQUENCES = """
    SELECT c.relname, a.attname, s.oid::pg_catalog.regclass::text
    FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
    JOIN pg_catalog.pg_class c ON c.oid = d.refobjid
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %s AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN ('a', 'i')
"""


def schema_tables(schema: str) -> dict[str, list[str]]:
    """Table name -> its column names in order, for every ordinary table of `schema`."""
    tables: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_COLUMNS, [schema])
        for table, column in cursor.fetchall():
            tables.setdefault(table, []).append(column)
    return tables


def _table(schema: str, table: str, columns: list[str]) -> sql.Composed:
    return sql.SQL("{}.{} ({})").format(
        sql.Identifier(schema), sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )


def table_rows_dump(*, schema: str, table: str, columns: list[str]) -> bytes:
    """The table's rows as COPY text, in primary-key-free physical order (a restore needs no order)."""
    chunks = []
    with connection.cursor() as cursor:
        with cursor.cursor.copy(sql.SQL("COPY {} TO STDOUT").format(_table(schema, table, columns))) as copy:
            for chunk in copy:
                chunks.append(bytes(chunk))
    return b"".join(chunks)


def tables_checked(*, schema: str, tables) -> dict[str, list[str]]:
    """The archive's table -> columns map, each table and column one the new schema (a copy of the
    template) has. Raises RowsRefused naming the first that is not."""
    known = schema_tables(schema)
    if not isinstance(tables, dict):
        raise RowsRefused("Arsip ditolak: manifest tidak memuat daftar tabel.")
    checked = {}
    for table, columns in tables.items():
        if table not in known or table in TABLES_NOT_EXPORTED:
            raise RowsRefused(f"Arsip ditolak: tabel {table[:80]} tidak dikenal di situs desa VillageWeb.")
        if (
            not isinstance(columns, list)
            or not columns
            or len(set(columns)) != len(columns)
            or not all(isinstance(column, str) for column in columns)
        ):
            raise RowsRefused(f"Arsip ditolak: daftar kolom tabel {table} tidak valid.")
        unknown = [column for column in columns if column not in known[table]]
        if unknown:
            raise RowsRefused(
                f"Arsip ditolak: kolom {unknown[0][:80]} tidak ada di tabel {table} versi ini "
                "(arsip dari versi VillageWeb yang berbeda susunan tabelnya)."
            )
        checked[table] = columns
    return checked


def schema_rows_load(*, schema: str, tables: dict[str, list[str]], read: Callable[[str], bytes]) -> None:
    """Replace the rows of `tables` (checked by tables_checked) in `schema` with the archive's.

    `read(table)` gives the table's COPY text. Call inside the restore's transaction: the template's
    rows of those tables go, the archive's come in, the id sequences continue after the highest id,
    and the foreign keys are checked before this returns (RowsRefused when a row does not fit).
    """
    with connection.cursor() as cursor:
        if tables:
            cursor.execute(
                sql.SQL("TRUNCATE {} CASCADE").format(
                    sql.SQL(", ").join(
                        sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(t)) for t in tables
                    )
                )
            )
        for table, columns in tables.items():
            try:
                with cursor.cursor.copy(
                    sql.SQL("COPY {} FROM STDIN").format(_table(schema, table, columns))
                ) as copy:
                    copy.write(read(table))
            except (DatabaseError, psycopg.Error) as error:
                raise RowsRefused(
                    f"Arsip ditolak: baris tabel {table} tidak dapat dimuat ({_reason(error)})."
                ) from error
        cursor.execute(_SEQUENCES, [schema])
        for table, column, sequence in cursor.fetchall():
            # Two statements: on Citus, one that reads the (distributed) table runs on its worker,
            # whose copy of the sequence has another range, and setval there fails.
            cursor.execute(
                sql.SQL("SELECT COALESCE(pg_catalog.max({}), 0) + 1 FROM {}.{}").format(
                    sql.Identifier(column), sql.Identifier(schema), sql.Identifier(table)
                )
            )
            following = cursor.fetchone()[0]
            cursor.execute(
                "SELECT pg_catalog.setval(%s::pg_catalog.regclass, %s, false)", [sequence, following]
            )
        try:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        except DatabaseError as error:
            raise RowsRefused(
                f"Arsip ditolak: baris-barisnya tidak saling cocok ({_reason(error)})."
            ) from error


def _reason(error: DatabaseError) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:200] if text else type(error).__name__
