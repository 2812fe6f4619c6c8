"""A comparable description of a schema's structure, to prove a cloned schema equals a migrated one."""

from django.db import connection

_QUERIES = {
    "columns": """
        SELECT table_name, column_name, data_type, is_nullable, column_default
        FROM information_schema.columns WHERE table_schema = %(schema)s""",
    "indexes": """
        SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = %(schema)s""",
    "constraints": """
        SELECT rel.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
        FROM pg_constraint con
        JOIN pg_class rel ON rel.oid = con.conrelid
        JOIN pg_namespace nsp ON nsp.oid = rel.relnamespace
        WHERE nsp.nspname = %(schema)s""",
    "sequences": """
        SELECT sequence_name, data_type, start_value, increment
        FROM information_schema.sequences WHERE sequence_schema = %(schema)s""",
    "migrations": """SELECT app, name FROM "{schema}".django_migrations""",
}


def schema_signature(schema: str) -> dict[str, set[tuple]]:
    """Tables, columns, indexes, constraints, sequences and migration records, with the schema name
    itself replaced by a placeholder so two schemas can be compared."""
    signature = {}
    with connection.cursor() as cursor:
        for part, sql in _QUERIES.items():
            cursor.execute(sql.replace("{schema}", schema), {"schema": schema})
            signature[part] = {
                tuple(str(value).replace(f'"{schema}".', "").replace(f"{schema}.", "") for value in row)
                for row in cursor.fetchall()
            }
    return signature


def sequences_behind_data(schema: str) -> list[str]:
    """Sequences whose next value would collide with an existing id (a broken clone)."""
    behind = []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.relname, a.attname, s.relname
            FROM pg_class s
            JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
            JOIN pg_class t ON t.oid = d.refobjid
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
            JOIN pg_namespace n ON n.oid = s.relnamespace
            WHERE s.relkind = 'S' AND n.nspname = %s
            """,
            [schema],
        )
        for table, column, sequence in cursor.fetchall():
            cursor.execute(f'SELECT COALESCE(MAX("{column}"), 0) FROM "{schema}"."{table}"')
            max_id = cursor.fetchone()[0]
            cursor.execute(f'SELECT last_value, is_called FROM "{schema}"."{sequence}"')
            last_value, is_called = cursor.fetchone()
            next_value = last_value + 1 if is_called else last_value
            if next_value <= max_id:
                behind.append(f"{table}.{column}")
    return behind
