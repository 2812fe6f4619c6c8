"""Diskominfo's support log-in into a village's admin: signed, single-use, time-limited, audited.

Users live in each village's own schema, so a staff member of the portal has no account in a
village. The portal admin issues a grant (public schema) and a signed token naming it; the village
host redeems the token once, logs in the village's dedicated support user `dukungan-diskominfo` for
the grant's lifetime, and writes who entered and until when into the village's own audit table,
which the village's admins read in their admin ("Akses Dukungan Diskominfo").
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail.models import Site

from provisioning.audit import audit_record
from provisioning.models import AuditEntry, SupportGrant
from provisioning.services.lifecycle import LifecycleError, village_get
from provisioning.support.models import SupportAccessLog
from themes.models import VillageBranding
from villageweb.accounts.roles import SUPPORT_USERNAME
from villageweb.whatsapp import whatsapp_number, whatsapp_url

TOKEN_SALT = "villageweb.support-access"
# The link itself must be followed at once; the session it opens lasts the grant's lifetime.
TOKEN_MAX_AGE = timedelta(minutes=2)
PASSWORD_HELP_GREETING = (
    "Halo Diskominfo, saya lupa kata sandi admin situs {village}. Nama pengguna saya: ... "
    "Mohon dikirimi tautan untuk mengatur kata sandi baru."
)


class SupportAccessError(Exception):
    """A support token that cannot open a session. The message is shown on the village host."""


def support_access_minutes() -> int:
    return settings.VILLAGEWEB_SUPPORT_ACCESS_MINUTES


@transaction.atomic
def support_grant_issue(*, code: str, actor: str, reason: str = "", address: str | None = None) -> str:
    """Grant the staff member `actor` a support session in the village; return the one-click
    log-in URL. Audited in the portal's log as the grant is made (the village's own log records
    the entry when the link is followed)."""
    village = village_get(code=code)
    if village.status != village.Status.ACTIVE:
        raise LifecycleError(f"{village.display_name} tidak aktif: akses dukungan tidak dapat dibuka.")
    grant = SupportGrant.objects.create(
        village_code=village.code,
        staff_username=actor,
        expires_at=timezone.now() + timedelta(minutes=support_access_minutes()),
    )
    audit_record(
        village_code=village.code,
        action=AuditEntry.Action.SUPPORT_LOGIN,
        actor=actor,
        address=address,
        reason=reason,
    )
    token = signing.dumps({"grant": str(grant.id)}, salt=TOKEN_SALT)
    return f"{village.url}/dukungan-diskominfo/masuk/?token={token}"


@transaction.atomic
def support_grant_redeem(*, token: str, village) -> tuple:
    """On the village host: spend the token once; return the support user and the grant."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise SupportAccessError("Tautan akses dukungan sudah kedaluwarsa. Buka lagi dari portal.") from error
    except signing.BadSignature as error:
        raise SupportAccessError("Tautan akses dukungan tidak sah.") from error
    grant = SupportGrant.objects.select_for_update().filter(id=payload.get("grant")).first()
    if grant is None or grant.village_code != village.code:
        raise SupportAccessError("Tautan akses dukungan ini bukan untuk desa ini.")
    if grant.used_at is not None:
        raise SupportAccessError("Tautan akses dukungan ini sudah dipakai. Buka lagi dari portal.")
    now = timezone.now()
    if grant.expires_at <= now:
        raise SupportAccessError("Izin akses dukungan sudah berakhir.")
    if connection.schema_name != village.schema_name:
        raise SupportAccessError("Akses dukungan hanya dapat dibuka di alamat desa itu sendiri.")
    grant.used_at = now
    grant.save(update_fields=["used_at"])
    user = _support_user()
    SupportAccessLog.objects.create(
        staff_username=grant.staff_username, started_at=now, expires_at=grant.expires_at, grant_id=grant.id
    )
    return user, grant


def _support_user():
    """The village's dedicated, clearly named support account; it never has a usable password."""
    user, created = get_user_model().objects.get_or_create(
        username=SUPPORT_USERNAME,
        defaults={
            "first_name": "Dukungan",
            "last_name": "Diskominfo",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created or user.has_usable_password() or not user.is_active:
        user.set_unusable_password()
        user.is_active = True
        user.save()
    return user


def regency_contact(*, village_name: str) -> dict:
    """Where a village official reaches Diskominfo: the WhatsApp number, office hours and phone the
    regency portal shows (its own "Identitas dan tampilan situs" settings, in the public schema)."""
    with schema_context(get_public_schema_name()):
        site = Site.objects.filter(is_default_site=True).first()
        branding = VillageBranding.for_site(site) if site else None
    number = whatsapp_number(branding.whatsapp) if branding and branding.whatsapp else ""
    return {
        "regency_name": settings.VILLAGEWEB_REGENCY_NAME,
        "village_name": village_name,
        "whatsapp": branding.whatsapp if number else "",
        "whatsapp_url": whatsapp_url(branding.whatsapp, PASSWORD_HELP_GREETING.format(village=village_name))
        if number
        else "",
        "office_hours": branding.office_hours if branding else "",
        "phone": branding.phone if branding else "",
        "phone_url": branding.phone_url if branding else "",
    }
