"""Kesehatan Situs Desa: which villages are alive.

The page costs the same number of queries for 2 villages as for 328: the villages (one query), their
activity in one UNION ALL statement across the schemas (one query), and their Kelengkapan Situs
scores from the public summary table the daily upkeep job keeps (`VillageCompleteness`, one query).
Scoring each village live would cost eight queries per village schema.
"""

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone
from wagtail.models import Page, Revision

from tenants.models import Village
from villageweb.news.models import NewsPage
from villageweb.portal.federation.models import VillageCompleteness

STALE_AFTER = timedelta(days=30)


@dataclass
class VillageHealth:
    village: Village
    last_edit: datetime | None
    last_publish: datetime | None
    pages: int
    news_recent: int
    completeness: int | None  # as the daily upkeep job last measured it; None before its first run
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
    page, revision, news = Page._meta.db_table, Revision._meta.db_table, NewsPage._meta.db_table
    return (
        f"SELECT %s, "
        f'(SELECT max(created_at) FROM "{schema}".{revision}), '
        f'(SELECT max(last_published_at) FROM "{schema}".{page}), '
        f'(SELECT count(*) FROM "{schema}".{page} WHERE depth > 1), '
        f'(SELECT count(*) FROM "{schema}".{news} n JOIN "{schema}".{page} p ON p.id = n.page_ptr_id '
        f"WHERE p.live AND p.first_published_at >= %s)"
    )


def _activity(schemas: list[str], since: datetime) -> dict[str, tuple]:
    """Every village's edit, publish, page and news figures in a single UNION ALL query."""
    if not schemas:
        return {}
    sql = " UNION ALL ".join(_activity_sql(schema) for schema in schemas)
    params = [value for schema in schemas for value in (schema, since)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: row[1:] for row in cursor.fetchall()}


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


def regency_health(*, district_code: str | None = None) -> RegencyHealth:
    """Health of every village that is not archived (optionally of one kecamatan)."""
    villages = list(Village.objects.villages().exclude(status=Village.Status.ARCHIVED).order_by("code"))
    if district_code:
        villages = [village for village in villages if village.district_code == district_code]
    now = timezone.now()
    activity = _activity([village.schema_name for village in villages], now - STALE_AFTER)
    scores = _completeness(villages)
    rows = []
    for village in villages:
        last_edit, last_publish, pages, news_recent = activity[village.schema_name]
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
                storage_bytes=folder_size(Path(settings.MEDIA_ROOT) / village.schema_name),
            )
        )
    updated = sum(1 for row in rows if not row.is_stale(now))
    return RegencyHealth(rows=rows, updated=updated, total=len(rows))
