"""A village's life after provisioning: suspend, resume, addresses, archive, quota, admin password.

Each action is one service (keyword-only, one transaction) that commands and the Diskominfo admin
both call. Each takes who acts (`actor`: the portal username, or `audit.command_actor()` on the
server), why (`reason`) and from where (`address`), and appends its audit entry in the same
transaction as the change: both commit or neither. Messages of `LifecycleError` are for operators,
in Indonesian.
"""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, Site

from provisioning import subdomains
from provisioning.audit import audit_record
from provisioning.models import AuditEntry
from tenants.models import SUBDOMAIN_PATTERN, Domain, Village
from villageweb.accounts.roles import SUPPORT_USERNAME
from villageweb.accounts.services import one_time_password_issue, setup_link_issue
from villageweb.freshness import frontcache
from villageweb.media.quota import MEGABYTE, size_text

DOMAIN_PATTERN_MAX = 253


class LifecycleError(Exception):
    """A lifecycle action that cannot be done as asked. The message is for the operator."""


def village_get(*, code: str) -> Village:
    village = Village.objects.villages().filter(code=(code or "").strip()).first()
    if village is None:
        raise LifecycleError(f"Desa dengan kode '{code}' tidak ditemukan.")
    return village


def _status_change(
    village: Village, status: str, *, action: str, actor: str, reason: str, address
) -> Village:
    """The village's new status, its front cache banned and the audit entry, in the caller's
    transaction (suspend, resume, archive)."""
    # A queryset update keeps `updated_at`: a status is not a change of the village's content,
    # so it does not make the last export stale (see village_last_change).
    Village.objects.filter(pk=village.pk).update(status=status)
    village.status = status
    frontcache.hosts_ban_for_schema(village.schema_name)  # update() sends no signal
    audit_record(village_code=village.code, action=action, actor=actor, address=address, reason=reason)
    return village


@transaction.atomic
def village_suspend(*, code: str, actor: str, reason: str = "", address: str | None = None) -> Village:
    """Close the site for a while: every request on its domains answers 503, data untouched."""
    village = village_get(code=code)
    if village.status == Village.Status.ARCHIVED:
        raise LifecycleError(f"{village.display_name} sudah diarsipkan; pulihkan dengan resume_village.")
    if village.status == Village.Status.SUSPENDED:
        raise LifecycleError(f"{village.display_name} sudah dinonaktifkan sementara.")
    return _status_change(
        village,
        Village.Status.SUSPENDED,
        action=AuditEntry.Action.SUSPEND,
        actor=actor,
        reason=reason,
        address=address,
    )


@transaction.atomic
def village_resume(*, code: str, actor: str, reason: str = "", address: str | None = None) -> Village:
    """Open a suspended or archived village again."""
    village = village_get(code=code)
    if village.status == Village.Status.ACTIVE:
        raise LifecycleError(f"{village.display_name} sudah aktif.")
    return _status_change(
        village,
        Village.Status.ACTIVE,
        action=AuditEntry.Action.RESUME,
        actor=actor,
        reason=reason,
        address=address,
    )


@transaction.atomic
def village_archive(*, code: str, actor: str, reason: str = "", address: str | None = None) -> Village:
    """Soft delete: the site is unreachable (404) on every domain, all data is kept."""
    village = village_get(code=code)
    if village.status == Village.Status.ARCHIVED:
        raise LifecycleError(f"{village.display_name} sudah diarsipkan.")
    return _status_change(
        village,
        Village.Status.ARCHIVED,
        action=AuditEntry.Action.ARCHIVE,
        actor=actor,
        reason=reason,
        address=address,
    )


STORAGE_QUOTA_MAX_MB = 1024 * 1024  # 1 TB: a typo guard, not a policy


def storage_quota_change_text(before_mb: int, after_mb: int) -> str:
    return f"{size_text(before_mb * MEGABYTE)} → {size_text(after_mb * MEGABYTE)}"


@transaction.atomic
def village_storage_quota_set(
    *, code: str, megabytes: int | None, actor: str, reason: str = "", address: str | None = None
) -> tuple[Village, int, int]:
    """Give the village its own storage quota in MB (None: back to the platform default).

    Returns the village and its quota before and after. Lowering it below what the village already
    stores deletes nothing: new uploads are refused until it has room again.
    """
    village = village_get(code=code)
    if megabytes is not None and not 1 <= megabytes <= STORAGE_QUOTA_MAX_MB:
        raise LifecycleError(f"Kuota penyimpanan harus antara 1 dan {STORAGE_QUOTA_MAX_MB} MB.")
    before = village.storage_quota_megabytes
    # A queryset update keeps `updated_at`, as a status change does: the quota is not content.
    Village.objects.filter(pk=village.pk).update(storage_quota_mb=megabytes)
    village.storage_quota_mb = megabytes
    after = village.storage_quota_megabytes
    audit_record(
        village_code=village.code,
        action=AuditEntry.Action.STORAGE_QUOTA,
        actor=actor,
        address=address,
        detail=storage_quota_change_text(before, after),
        reason=reason,
    )
    return village, before, after


def domain_problem(domain: str) -> str | None:
    """Why `domain` cannot be a village's host name, in Indonesian, or None when it can."""
    if domain == settings.VILLAGEWEB_BASE_DOMAIN:
        return f"Domain '{domain}' adalah alamat portal kabupaten."
    labels = domain.split(".")
    if len(domain) > DOMAIN_PATTERN_MAX or len(labels) < 2:
        return f"Domain '{domain}' tidak valid: tulis nama lengkap, misalnya jlodro.desa.id."
    for label in labels:
        if not SUBDOMAIN_PATTERN.match(label):
            return (
                f"Domain '{domain}' tidak valid: setiap bagian hanya boleh berisi huruf kecil a-z, angka, "
                "dan tanda hubung."
            )
    if labels[0] in subdomains.RESERVED_SUBDOMAINS:
        return f"Domain '{domain}' dicadangkan: nama '{labels[0]}' dipakai platform atau layanan umum."
    base = settings.VILLAGEWEB_BASE_DOMAIN
    if domain.endswith(f".{base}"):
        # The base domain's names belong to the platform: one label, by the subdomain rules.
        label = domain[: -len(base) - 1]
        if "." in label:
            return f"Domain '{domain}' tidak valid: di bawah {base} hanya satu tingkat subdomain."
        return subdomains.subdomain_problem(label)
    return None


def _primary_set(village: Village, domain: Domain) -> None:
    """Make `domain` the one primary domain, and keep the village's Wagtail site on it."""
    Domain.objects.filter(tenant=village).exclude(pk=domain.pk).update(is_primary=False)
    if not domain.is_primary:
        domain.is_primary = True
        domain.save(update_fields=["is_primary"])
    with schema_context(village.schema_name):
        Site.objects.filter(is_default_site=True).update(hostname=domain.domain)
    _touch(village)


def _touch(village: Village) -> None:
    """Domains are part of the village's export: changing them is a change (see village_last_change)."""
    Village.objects.filter(pk=village.pk).update(updated_at=timezone.now())
    frontcache.hosts_ban_for_schema(village.schema_name)  # update() sends no signal


@transaction.atomic
def village_domain_add(
    *,
    code: str,
    domain: str,
    primary: bool = False,
    actor: str,
    reason: str = "",
    address: str | None = None,
) -> Domain:
    """Map another host name (e.g. the village's own `.desa.id`) to the village.

    A non-primary domain answers 301 to the primary one; `primary=True` makes the new one primary.
    """
    village = village_get(code=code)
    domain = domain.strip().lower().rstrip(".")
    problem = domain_problem(domain)
    if problem:
        raise LifecycleError(problem)
    existing = Domain.objects.filter(domain=domain).select_related("tenant").first()
    if existing is not None and existing.tenant_id != village.pk:
        raise LifecycleError(f"Domain '{domain}' sudah dipakai {existing.tenant.display_name}.")
    if existing is not None and (existing.is_primary or not primary):
        raise LifecycleError(f"Domain '{domain}' sudah terdaftar untuk {village.display_name}.")
    record = existing or Domain.objects.create(domain=domain, tenant=village, is_primary=False)
    if primary:
        _primary_set(village, record)
    else:
        _touch(village)
    audit_record(
        village_code=village.code,
        action=AuditEntry.Action.DOMAIN_ADD,
        actor=actor,
        address=address,
        detail=record.domain,
        reason=reason,
    )
    return record


@transaction.atomic
def village_subdomain_change(
    *, code: str, subdomain: str, actor: str, reason: str = "", address: str | None = None
) -> Domain:
    """Move the village to `<subdomain>.<base domain>`; the old address stays and answers 301."""
    village = village_get(code=code)
    subdomain = subdomain.strip().lower()
    problem = subdomains.subdomain_problem(subdomain)
    if problem:
        raise LifecycleError(problem)
    domain = f"{subdomain}.{settings.VILLAGEWEB_BASE_DOMAIN}"
    existing = Domain.objects.filter(domain=domain).select_related("tenant").first()
    if existing is not None and existing.tenant_id != village.pk:
        raise LifecycleError(f"Subdomain '{subdomain}' sudah dipakai {existing.tenant.display_name}.")
    if existing is not None and existing.is_primary:
        raise LifecycleError(f"{village.display_name} sudah beralamat di {domain}.")
    record = existing or Domain.objects.create(domain=domain, tenant=village, is_primary=False)
    _primary_set(village, record)
    audit_record(
        village_code=village.code,
        action=AuditEntry.Action.RENAME,
        actor=actor,
        address=address,
        detail=record.domain,
        reason=reason,
    )
    return record


def village_last_change(*, village: Village) -> datetime:
    """The latest moment anything an export carries changed.

    The latest of: the village row's `updated_at` (name, domains), page revisions, page and model log
    entries (Wagtail logs creations, edits, publishes and deletions made in the admin), image and
    document uploads, user accounts joined, and form submissions. A status change (suspend, archive)
    is not a change: it does not alter what the export holds.
    """
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    moments = [village.updated_at]
    with schema_context(village.schema_name):
        for queryset, field in (
            (Revision.objects.all(), "created_at"),
            (PageLogEntry.objects.all(), "timestamp"),
            (ModelLogEntry.objects.all(), "timestamp"),
            (Page.objects.all(), "last_published_at"),
            (get_image_model().objects.all(), "created_at"),
            (get_document_model().objects.all(), "created_at"),
            (get_user_model().objects.all(), "date_joined"),
            (FormSubmission.objects.all(), "submit_time"),
        ):
            latest = queryset.aggregate(latest=Max(field))["latest"]
            if latest is not None:
                moments.append(latest)
    return max(moments)


def village_media_root(village: Village) -> Path:
    return Path(settings.MEDIA_ROOT) / village.schema_name


def _village_person(village: Village, username: str):
    """One of the village's own people, looked up in its schema (the caller sets it).

    Never the Diskominfo support account: it has no password by design (support log-ins are signed,
    single-use grants), so a password issued to it would be a way into every village's admin that
    no support grant or village audit records.
    """
    username = (username or "").strip()
    if username == SUPPORT_USERNAME:
        raise LifecycleError(
            f"Akun '{SUPPORT_USERNAME}' adalah akun dukungan Diskominfo: kata sandinya tidak dapat "
            "diterbitkan. Gunakan tombol akses dukungan."
        )
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise LifecycleError(f"Pengguna '{username}' tidak ada di {village.display_name}.")
    return user


def _village_person_reactivated(village: Village, username: str):
    user = _village_person(village, username)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def village_admin_password_reset(
    *, code: str, username: str = "admin", actor: str, reason: str = "", address: str | None = None
) -> str:
    """Issue a one-time password to a village user (for when the perangkat desa changes).

    The user must choose their own password at the next log-in; a deactivated user is reactivated.
    """
    village = village_get(code=code)
    with schema_context(village.schema_name):
        user = _village_person_reactivated(village, username)
        password = one_time_password_issue(user=user)
    audit_record(
        village_code=village.code,
        action=AuditEntry.Action.PASSWORD_RESET,
        actor=actor,
        address=address,
        detail=user.get_username(),
        reason=reason,
    )
    return password


@transaction.atomic
def village_admin_setup_link_issue(
    *, code: str, username: str = "admin", actor: str, reason: str = "", address: str | None = None
):
    """A fresh set-password link (14 days, single use) for a village user; earlier links stop working."""
    village = village_get(code=code)
    with schema_context(village.schema_name):
        user = _village_person_reactivated(village, username)
        link = setup_link_issue(user=user, site_url=village.url)
    audit_record(
        village_code=village.code,
        action=AuditEntry.Action.SETUP_LINK,
        actor=actor,
        address=address,
        detail=user.get_username(),
        reason=reason,
    )
    return link
