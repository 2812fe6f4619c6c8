"""Kesehatan Situs Desa: which villages are alive, read from public tables the page signals keep
(villageweb.portal.federation: VillageActivity, VillageCompleteness, the news index), so the page's
queries do not grow with the number of villages."""

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page, Revision

from tenants.models import Village
from villageweb.portal.federation.models import FederatedNewsItem, VillageActivity, VillageCompleteness

STALE_AFTER = timedelta(days=30)


@dataclass
class VillageHealth:
    village: Village
    last_edit: datetime | None
    last_publish: datetime | None
    pages: int
    news_recent: int
    completeness: int | None  # as last measured (on publish, branding save and daily); None before that
    completeness_measured_at: datetime | None
    storage_bytes: int

    @property
    def last_activity(self) -> datetime | None:
        moments = [moment for moment in (self.last_edit, self.last_publish) if moment is not None]
        return max(moments) if moments else None

    def is_stale(self, now: datetime) -> bool:
        return self.last_activity is None or self.last_activity < now - STALE_AFTER


@dataclass
class RegencyHealth:
    rows: list[VillageHealth]
    updated: int
    total: int

    @property
    def stale(self) -> list[VillageHealth]:
        now = timezone.now()
        return [row for row in self.rows if row.is_stale(now)]

    @property
    def summary(self) -> str:
        return f"{self.updated} dari {self.total} desa diperbarui dalam 30 hari terakhir"


def _activity_sql(schema: str) -> str:
    page, revision = Page._meta.db_table, Revision._meta.db_table
    return (
        f"SELECT %s, "
        f'(SELECT max(created_at) FROM "{schema}".{revision}), '
        f'(SELECT max(last_published_at) FROM "{schema}".{page}), '
        f'(SELECT count(*) FROM "{schema}".{page} WHERE depth > 1)'
    )


def _activity_backfill(villages: list[Village]) -> None:
    """Measure villages that have no activity row yet (provisioned before the rows were kept) in one
    UNION ALL statement over their schemas, and keep the rows: later views read only the table."""
    if not villages:
        return
    sql = " UNION ALL ".join(_activity_sql(village.schema_name) for village in villages)
    with connection.cursor() as cursor:
        cursor.execute(sql, [village.schema_name for village in villages])
        measured = {row[0]: row[1:] for row in cursor.fetchall()}
    now = timezone.now()
    VillageActivity.objects.bulk_create(
        [
            VillageActivity(
                village=village,
                last_edit=measured[village.schema_name][0],
                last_publish=measured[village.schema_name][1],
                pages=measured[village.schema_name][2],
                measured_at=now,
            )
            for village in villages
        ],
        ignore_conflicts=True,
    )


def _activity(villages: list[Village], since: datetime) -> dict[int, tuple]:
    """Every village's (last edit, last publish, pages, news since `since`) from two public tables:
    the activity rows the page signals keep and the federated news index."""
    rows = {row.village_id: row for row in VillageActivity.objects.filter(village__in=villages)}
    missing = [village for village in villages if village.pk not in rows]
    if missing:
        _activity_backfill(missing)
        rows = {row.village_id: row for row in VillageActivity.objects.filter(village__in=villages)}
    news = dict(
        FederatedNewsItem.objects.filter(village__in=villages, first_published_at__gte=since)
        .values("village_id")
        .annotate(count=Count("id"))
        .values_list("village_id", "count")
    )
    return {
        village.pk: (row.last_edit, row.last_publish, row.pages, news.get(village.pk, 0))
        for village in villages
        if (row := rows.get(village.pk)) is not None
    }


def _completeness(villages: list[Village]) -> dict[int, tuple[int, datetime]]:
    """Every village's last measured score and when, in one query on the public summary table."""
    rows = VillageCompleteness.objects.filter(village__in=villages).values_list(
        "village_id", "score", "measured_at"
    )
    return {village_id: (score, measured_at) for village_id, score, measured_at in rows}


def folder_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


def regency_health(*, district_code: str | None = None, with_storage: bool = True) -> RegencyHealth:
    """Health of every village that is not archived (optionally of one kecamatan); without storage
    (a walk of every village's media folder) for the dashboard's summary."""
    villages = list(Village.objects.villages().exclude(status=Village.Status.ARCHIVED).order_by("code"))
    if district_code:
        villages = [village for village in villages if village.district_code == district_code]
    now = timezone.now()
    activity = _activity(villages, now - STALE_AFTER)
    scores = _completeness(villages)
    rows = []
    for village in villages:
        last_edit, last_publish, pages, news_recent = activity[village.pk]
        score, measured_at = scores.get(village.id, (None, None))
        rows.append(
            VillageHealth(
                village=village,
                last_edit=last_edit,
                last_publish=last_publish,
                pages=pages,
                news_recent=news_recent,
                completeness=score,
                completeness_measured_at=measured_at,
                storage_bytes=folder_size(Path(settings.MEDIA_ROOT) / village.schema_name)
                if with_storage
                else 0,
            )
        )
    updated = sum(1 for row in rows if not row.is_stale(now))
    return RegencyHealth(rows=rows, updated=updated, total=len(rows))
