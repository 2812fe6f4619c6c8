"""Replaying an archive's SQL so that it can reach nothing but the one schema it restores.

An archive passes through people's hands; even one whose checksum matches its export record may have
been written by a compromised export. So the dump never runs with the platform's own rights:

- It runs as `villageweb_restore`, a role with no log-in, no superuser, no CREATEROLE/CREATEDB, that
  owns nothing but the target schema (created for it just before the replay). It has no privilege on
  any other village's schema or on the public schema's tables, and cannot run server programs or read
  server files (`COPY ... PROGRAM`, `pg_read_file` need superuser or pg_execute_server_program).
- It runs inside a SECURITY DEFINER function owned by that role: PostgreSQL refuses `SET ROLE`,
  `RESET ROLE` and `SET SESSION AUTHORIZATION` inside such a function, so the dump cannot climb back
  to the connection's own (possibly superuser) role.
- Afterwards the role may own nothing outside the target schema (its session's temporary schema
  included: pg_temp is searched first for table names, so a temporary table would catch the
  platform's own next queries on the same connection).
- Once ownership is handed to the platform's role, the schema may hold no code the platform's
  role would later run unawares: functions, triggers, rules, policies, views, column defaults and
  CHECK constraints must each also exist in the template schema every village is cloned from.

The restricted role owns nothing once a replay is over.
"""

import re

from django.conf import settings
from django.db import DatabaseError, connection

RESTORE_ROLE = "villageweb_restore"


class ReplayRefused(Exception):
    """The dump tried something a village archive may not do. The message is for the operator."""


class RestoreRoleUnavailable(Exception):
    """The platform's database role cannot switch to the restore role. The message is for the operator."""


def _role_setup_hint(user: str, *, create: bool) -> str:
    create_sql = f"CREATE ROLE {RESTORE_ROLE} NOLOGIN NOINHERIT; " if create else ""
    return (
        f'Sebagai superuser PostgreSQL jalankan sekali: {create_sql}GRANT {RESTORE_ROLE} TO "{user}"; '
        "(docs/deployment.md, langkah 3)."
    )


def restore_role_ensure() -> str:
    """Make sure the restricted restore role exists and the connection's role may SET ROLE to it.

    platform_init calls this first, so that a misconfigured server is reported at set-up rather than
    in the middle of a restore; restore calls it again. A superuser (the embedded server) creates the
    role itself and may switch to any role. The platform's role in production is the database's owner
    without CREATEROLE (docs/deployment.md): the operator creates the role once and grants it to the
    platform's role. A role that has CREATEROLE creates and grants it here, but the platform does not
    ask for CREATEROLE: on PostgreSQL 15 and older it lets a role grant itself
    pg_execute_server_program, the very power the restore role exists to keep away from an archive.
    Raises RestoreRoleUnavailable when the role is missing or not granted and cannot be made so.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, rolsuper, rolcreaterole, current_setting('server_version_num')::int "
            "FROM pg_roles WHERE rolname = current_user"
        )
        user, superuser, createrole, version = cursor.fetchone()
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [RESTORE_ROLE])
        exists = cursor.fetchone() is not None
        if not exists and not (superuser or createrole):
            raise RestoreRoleUnavailable(
                f"Peran basis data {RESTORE_ROLE} untuk memulihkan arsip belum ada, dan pengguna basis "
                f"data platform ({user}) tidak berhak membuatnya. {_role_setup_hint(user, create=True)}"
            )
        if not exists:
            cursor.execute(
                f'CREATE ROLE "{RESTORE_ROLE}" NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE '
                "NOINHERIT NOREPLICATION NOBYPASSRLS"
            )
        if superuser:
            return RESTORE_ROLE
        # PostgreSQL 16 separates the right to SET ROLE from membership; before it, membership is that right.
        cursor.execute(
            "SELECT pg_has_role(current_user, %s, %s)",
            [RESTORE_ROLE, "SET" if version >= 160000 else "MEMBER"],
        )
        if cursor.fetchone()[0]:
            return RESTORE_ROLE
        if not createrole:
            raise RestoreRoleUnavailable(
                f"Pengguna basis data platform ({user}) belum diberi peran {RESTORE_ROLE}, sehingga arsip "
                f"tidak dapat dipulihkan dengan hak terbatas. {_role_setup_hint(user, create=False)}"
            )
        cursor.execute(f'GRANT "{RESTORE_ROLE}" TO current_user')
    return RESTORE_ROLE


# Kinds of schema objects that carry code the platform's role would run (by trigger, default, check,
# rule, policy or a query on a view), each as (kind, name, definition) with the schema name removed.
_CODE_OBJECTS = """
    SELECT 'function', p.proname, pg_get_function_identity_arguments(p.oid)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %(schema)s
    UNION ALL
    SELECT 'trigger', c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %(schema)s AND NOT t.tgisinternal
    UNION ALL
    SELECT 'rule', r.tablename || '.' || r.rulename, r.definition
    FROM pg_rules r WHERE r.schemaname = %(schema)s
    UNION ALL
    SELECT 'policy', p.tablename || '.' || p.policyname, coalesce(p.qual, '') || coalesce(p.with_check, '')
    FROM pg_policies p WHERE p.schemaname = %(schema)s
    UNION ALL
    SELECT 'view', c.relname, pg_get_viewdef(c.oid)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %(schema)s AND c.relkind IN ('v', 'm')
    UNION ALL
    SELECT 'default', table_name || '.' || column_name, column_default
    FROM information_schema.columns WHERE table_schema = %(schema)s AND column_default IS NOT NULL
    UNION ALL
    SELECT 'check', c.relname || '.' || con.conname, pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(schema)s AND con.contype = 'c'
"""


# Everything the restore role owns in this database (PostgreSQL records each owner in pg_shdepend)
# outside the target schema. The role can create nothing in another schema but its session's temporary
# one, and that one matters: pg_temp is searched before every other schema for tables and types, so a
# temporary `wagtailcore_site` with a trigger would catch the restore's own next UPDATE, run as the
# platform's role, and outlive the restore on a kept connection.
_OWNED_ELSEWHERE = """
    SELECT o.type, o.identity
    FROM pg_shdepend d, pg_identify_object(d.classid, d.objid, d.objsubid) o
    WHERE d.deptype = 'o' AND d.refclassid = 'pg_authid'::regclass
      AND d.refobjid = (SELECT oid FROM pg_roles WHERE rolname = %(role)s)
      AND d.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND o.schema IS DISTINCT FROM %(schema)s
      AND NOT (o.type = 'schema' AND o.name = %(schema)s)
"""


def _code_objects(schema: str) -> set[tuple[str, str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(_CODE_OBJECTS, {"schema": schema})
        return {
            tuple(str(value).replace(f'"{schema}".', "").replace(f"{schema}.", "") for value in row)
            for row in cursor.fetchall()
        }


def _without_create_schema(sql: str, schema: str) -> str:
    """The dump's own `CREATE SCHEMA` line: the schema already exists, owned by the restricted role."""
    return re.sub(rf'^CREATE SCHEMA "?{re.escape(schema)}"?;$', "", sql, count=1, flags=re.MULTILINE)


def schema_sql_replay(*, sql: str, schema: str) -> None:
    """Create `schema` and run `sql` in it under the restricted role; call inside a transaction.

    Raises ReplayRefused (the caller's transaction then rolls everything back) when the dump fails
    under the restricted rights or leaves code behind that the template does not have.
    """
    role = restore_role_ensure()
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{schema}" AUTHORIZATION "{role}"')
        cursor.execute(f'SET LOCAL ROLE "{role}"')
        cursor.execute(
            f'CREATE FUNCTION "{schema}".villageweb_replay(dump text) RETURNS void LANGUAGE plpgsql '
            "SECURITY DEFINER AS $replay$ BEGIN EXECUTE dump; END $replay$"
        )
        try:
            cursor.execute(f'SELECT "{schema}".villageweb_replay(%s)', [_without_create_schema(sql, schema)])
        except DatabaseError as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise ReplayRefused(
                "Arsip ditolak: SQL-nya tidak dapat dijalankan dengan hak pemulihan yang terbatas "
                f"({reason})."
            ) from error
        cursor.execute(f'DROP FUNCTION "{schema}".villageweb_replay(text)')
        cursor.execute("RESET ROLE")
        cursor.execute(_OWNED_ELSEWHERE, {"role": role, "schema": schema})
        elsewhere = [f"{kind} {identity}" for kind, identity in cursor.fetchall()]
        if elsewhere:
            raise ReplayRefused(
                "Arsip ditolak: SQL-nya membuat objek di luar skema desanya "
                f"({', '.join(sorted(elsewhere)[:5])})."
            )
        # Owned by the platform's role, every object is visible to the check below (information_schema
        # shows a non-superuser only what it owns); a refusal rolls the hand-over back with the rest.
        cursor.execute(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER')
    unexpected = _code_objects(schema) - _code_objects(settings.TENANT_BASE_SCHEMA)
    if unexpected:
        names = ", ".join(sorted(f"{kind} {name}" for kind, name, _ in unexpected)[:5])
        raise ReplayRefused(
            f"Arsip ditolak: skemanya memuat kode yang tidak ada di situs desa VillageWeb ({names})."
        )
