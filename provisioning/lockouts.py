"""Log-in locks across the regency: what Diskominfo sees on the health page and may lift.

django-axes keeps each site's attempts in that site's own schema (villageweb/accounts/throttle.py).
When it locks a (username, address) pair or an address, `lockout_record` copies the fact into the
public `LoginLockout` table, so the health page lists every locked account with one query instead of
one per village. `login_lockout_lift` clears the lock in the site's own axes table and writes the
audit entry, in one transaction.
"""

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django_tenants.utils import schema_context

from provisioning.audit import audit_record
from provisioning.models import AuditEntry, LoginLockout
from tenants.models import Village


class LockoutError(Exception):
    """A lift that cannot be done, with a message for the operator."""


def lockout_record(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """axes' user_locked_out receiver: sent when a lock starts and on every refused attempt after."""
    tenant = getattr(connection, "tenant", None)
    if not isinstance(tenant, Village) or tenant.pk is None:
        return
    now = timezone.now()
    LoginLockout.objects.update_or_create(
        village=tenant,
        username=(username or "")[:255],
        ip_address=ip_address or None,
        defaults={"last_attempt_at": now},
        create_defaults={"locked_at": now, "last_attempt_at": now},
    )


def login_lockouts_active() -> list[LoginLockout]:
    """Locks whose cool-off has not run out, newest first (older rows are shown no more)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return list(
        LoginLockout.objects.filter(last_attempt_at__gte=since)
        .select_related("village")
        .order_by("-last_attempt_at")
    )


def login_lockout_lift(*, lockout_id: int, actor: str, address: str | None, reason: str = "") -> LoginLockout:
    """Let this account in again from this address: its pair's failures are cleared, and the
    address's too when they alone would still keep it out. Audited on the site's log."""
    with transaction.atomic():
        lockout = (
            LoginLockout.objects.select_related("village").select_for_update().filter(pk=lockout_id).first()
        )
        if lockout is None:
            raise LockoutError("Kunci ini sudah dibuka atau sudah kedaluwarsa.")
        village = lockout.village
        with schema_context(village.schema_name):
            cleared, _ = AccessAttempt.objects.filter(
                username=lockout.username, ip_address=lockout.ip_address
            ).delete()
            from_address = AccessAttempt.objects.filter(ip_address=lockout.ip_address)
            address_failures = from_address.aggregate(total=Sum("failures_since_start"))["total"] or 0
            detail = f"pengguna {lockout.username} dari alamat {lockout.ip_address or 'tidak diketahui'}"
            if address_failures >= settings.AXES_FAILURE_LIMIT:
                from_address.delete()
                detail += f"; juga {address_failures} kegagalan lain dari alamat itu"
        audit_record(
            village_code=village.code or village.schema_name,
            action=AuditEntry.Action.LOGIN_UNLOCK,
            actor=actor,
            address=address,
            detail=detail,
            reason=reason,
        )
        LoginLockout.objects.filter(pk=lockout.pk).delete()
    return lockout


def lockout_receivers_connect() -> None:
    user_locked_out.connect(lockout_record, dispatch_uid="provisioning.lockouts.lockout_record")
