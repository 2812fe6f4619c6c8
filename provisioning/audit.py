"""The operator audit log: every action Diskominfo (or a server operator) takes on a village.

Only services write it: each lifecycle service (provisioning.services) takes `actor`, `reason` and
`address` and appends its entry inside its own transaction, so an action and its entry commit or
roll back together (Zulip's `do_*` style). Views and commands never call `audit_record`.

Entries live in one public table (AuditEntry), append-only by a trigger. Diskominfo reads them on the
village's page in the portal admin; a village's own admins read their village's rows in their admin
through `audit_entries_for_village`, one narrow read-only query on the schema-qualified table, so it
does not depend on the public schema being on a village request's search path.
"""

import getpass

from django.db import connection
from django_tenants.utils import get_public_schema_name

from provisioning.models import AuditEntry


def audit_record(
    *,
    village_code: str,
    action: str,
    actor: str,
    address: str | None = None,
    detail: str = "",
    reason: str = "",
) -> AuditEntry:
    """Append one entry; `actor` is the portal username, or "cli:<user>" for a management command."""
    return AuditEntry.objects.create(
        village_code=village_code,
        action=action,
        actor=actor[:150],
        client_address=address,
        detail=detail[:500],
        reason=reason[:500],
    )


def audit_records(
    *,
    village_codes: list[str],
    action: str,
    actor: str,
    address: str | None = None,
    detail: str = "",
    reason: str = "",
) -> list[AuditEntry]:
    """One entry in each village's log for an action taken on many at once (a schema update)."""
    return AuditEntry.objects.bulk_create(
        AuditEntry(
            village_code=code,
            action=action,
            actor=actor[:150],
            client_address=address,
            detail=detail[:500],
            reason=reason[:500],
        )
        for code in village_codes
    )


def audit_entries_for_village(*, code: str, limit: int = 200) -> list[dict]:
    """The newest entries about one village, read-only, for its own admins on its own host."""
    table = f'"{get_public_schema_name()}"."{AuditEntry._meta.db_table}"'
    labels = dict(AuditEntry.Action.choices)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT created_at, action, actor, detail, reason FROM {table} "
            "WHERE village_code = %s ORDER BY created_at DESC, id DESC LIMIT %s",
            [code, limit],
        )
        return [
            {
                "created_at": created_at,
                "action": labels.get(action, action),
                "actor": actor,
                "detail": detail,
                "reason": reason,
            }
            for created_at, action, actor, detail, reason in cursor.fetchall()
        ]


def command_actor() -> str:
    """Who acts from a management command on the server: "cli:<the shell's user>"."""
    return f"cli:{getpass.getuser()}"
