"""The chores the job runner does, each for one village (inside its schema) or for the platform.

Every function here is safe to run twice and safe to interrupt: a rerun after a killed worker finds
what is left and does only that (a publish is one transaction, a deletion removes what is still
there). The tasks in provisioning/jobs/tasks.py only pick the village and call these.
"""

import contextlib
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Page, Revision, UploadedFile
from wagtail.search import index
from wagtail.search.models import IndexEntry

from provisioning.models import VillageExport
from tenants.models import Village
from villageweb.accounts.models import SetupLink
from villageweb.cases.services import cases_remind, personal_data_erase
from villageweb.health.services import village_completeness_refresh
from villageweb.portal.federation.models import RegencyAnnouncement
from villageweb.transparency.disclosures import disclosures_refresh

logger = logging.getLogger(__name__)


class VillageGone(Exception):
    """The village a job names no longer exists or is not active: the job has nothing to do."""


def active_village_codes() -> list[str]:
    """Codes of the villages jobs run in: active ones only (a suspended site is left as it is)."""
    return list(
        Village.objects.villages()
        .filter(status=Village.Status.ACTIVE)
        .order_by("code")
        .values_list("code", flat=True)
    )


@contextlib.contextmanager
def village_schema(code: str) -> Iterator[Village]:
    """Run inside the schema of the village with `code`, on a healthy connection.

    A worker lives for weeks; Django only recycles connections around requests, so a job does it
    itself before and after (a connection PostgreSQL dropped meanwhile is replaced).
    """
    close_old_connections()
    try:
        village = Village.objects.villages().filter(code=code, status=Village.Status.ACTIVE).first()
        if village is None:
            raise VillageGone(code)
        with schema_context(village.schema_name):
            yield village
    finally:
        connection.set_schema_to_public()
        close_old_connections()


def current_village() -> Village:
    """The village whose schema the connection is in (inside `village_schema`)."""
    return Village.objects.get(schema_name=connection.schema_name)


def _due_sql(schema: str) -> str:
    page, revision = Page._meta.db_table, Revision._meta.db_table
    return (
        f'SELECT %s WHERE EXISTS (SELECT 1 FROM "{schema}".{revision} WHERE approved_go_live_at <= %s) '
        f'OR EXISTS (SELECT 1 FROM "{schema}".{page} WHERE live AND expire_at <= %s)'
    )


def scheduled_villages_find(*, now: datetime | None = None) -> list[str]:
    """Codes of the active villages with a page due to go live or to expire: one query for all
    of them, so the every-minute check costs the same one query whether 3 or 328 villages."""
    now = now or timezone.now()
    villages = dict(
        Village.objects.villages().filter(status=Village.Status.ACTIVE).values_list("schema_name", "code")
    )
    if not villages:
        return []
    sql = " UNION ALL ".join(_due_sql(schema) for schema in villages)
    params = [value for schema in villages for value in (schema, now, now)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(villages[row[0]] for row in cursor.fetchall())


def scheduled_pages_publish() -> str:
    """Wagtail's own `publish_scheduled` in the current schema: expired pages are unpublished and
    approved revisions whose time has come are published through `Revision.publish()`, so the
    portal's federation (page_published / page_unpublished) sees them like an editor's publish."""
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


def revisions_purge(*, days: int | None = None) -> str:
    """Wagtail's `purge_revisions` in the current schema: revisions older than `days` that are not
    the latest, live, approved for go-live or under moderation are deleted."""
    days = settings.VILLAGEWEB_REVISIONS_KEEP_DAYS if days is None else days
    out = StringIO()
    call_command("purge_revisions", days=days, stdout=out)
    return out.getvalue()


def setup_links_expire(*, now: datetime | None = None) -> int:
    """Delete the current village's unused setup links past their date (a used link is the record
    of the first log-in and stays). The hash of an expired token is useless, keeping it is not."""
    now = now or timezone.now()
    deleted, _ = SetupLink.objects.filter(used_at__isnull=True, expires_at__lt=now).delete()
    return deleted


def search_index_check() -> int:
    """Index the current village's live pages that have no search entry (a publish that failed
    half-way, a restore without its index). Returns how many were indexed."""
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    page_types = [
        content_type.pk for content_type in ContentType.objects.get_for_models(*page_models).values()
    ]
    indexed_ids = set(
        IndexEntry.objects.filter(content_type_id__in=page_types).values_list("object_id", flat=True)
    )
    missing = [
        page for page in Page.objects.live().filter(depth__gt=1).specific() if str(page.pk) not in indexed_ids
    ]
    for page in missing:
        index.insert_or_update_object(page)
    return len(missing)


def completeness_measure() -> int:
    """Measure the current village's Kelengkapan Situs score and keep it for the portal directory."""
    return village_completeness_refresh()


def disclosures_measure() -> int:
    """Measure the current provider's mandatory disclosures for the portal's transparency ranking."""
    return len(disclosures_refresh(provider=current_village()))


def case_deadlines_remind() -> int:
    """Remind providers of cases whose deadline is near (villageweb/cases)."""
    return cases_remind()


def case_personal_data_erase() -> int:
    """Erase complainants' personal data after the retention period (VILLAGEWEB_CASE_RETENTION_DAYS)."""
    return personal_data_erase()


def announcements_expire(*, today=None) -> int:
    """Delete regency announcements that ended more than VILLAGEWEB_ANNOUNCEMENT_RETENTION_DAYS
    ago: they stopped showing on their end date; the table is not an archive."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.VILLAGEWEB_ANNOUNCEMENT_RETENTION_DAYS)
    deleted, _ = RegencyAnnouncement.objects.filter(end_date__lt=cutoff).delete()
    return deleted


def exports_expire(*, now: datetime | None = None) -> int:
    """Delete village export archives older than VILLAGEWEB_EXPORT_RETENTION_DAYS, file and row.

    The newest export of every village is always kept, however old: for a purged village it is
    the only copy of its data. The file goes first, so a worker killed in between leaves a row
    whose file is missing, which the next run deletes (the purge check already ignores it).
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.VILLAGEWEB_EXPORT_RETENTION_DAYS)
    newest = VillageExport.objects.filter(code=OuterRef("code")).order_by("-created_at").values("pk")[:1]
    expired = VillageExport.objects.filter(created_at__lt=cutoff).exclude(pk=Subquery(newest))
    count = 0
    for export in expired:
        Path(export.path).unlink(missing_ok=True)
        export.delete()
        count += 1
    return count


# A file left in Wagtail's multiple upload this long was abandoned: its editor never completed it.
ABANDONED_UPLOAD_AGE = timedelta(days=1)


def abandoned_uploads_remove(*, now: datetime | None = None) -> int:
    """Delete the current village's multiple-upload files (Wagtail's UploadedFile) older than
    ABANDONED_UPLOAD_AGE, rows and files. They count against the storage quota (villageweb/media/quota.py)
    until they become images or go. Returns how many were removed."""
    now = now or timezone.now()
    removed = 0
    for upload in UploadedFile.objects.all():
        try:
            stored_at = upload.file.storage.get_modified_time(upload.file.name)
        except (OSError, ValueError):
            stored_at = None  # the file is gone already: the row is of no use
        if stored_at is None or now - stored_at >= ABANDONED_UPLOAD_AGE:
            if stored_at is not None:
                upload.file.delete(save=False)
            upload.delete()
            removed += 1
    return removed
