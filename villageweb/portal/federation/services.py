"""Keeping the federated news index in step with the villages' news, and moderating it.

Writers run inside a village's schema (the publish, unpublish, move or delete that triggered them)
and write the public table through the search path, in the caller's transaction: a failed index
write fails the publish with it.
"""

import contextlib
import logging
import re

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import strip_tags
from django_tenants.utils import schema_context
from wagtail.models import Page, Revision
from wagtail.rich_text import get_text_for_indexing

from tenants.models import Village
from villageweb.news.models import NewsPage
from villageweb.portal.federation.models import (
    SEARCH_CONFIG,
    FederatedNewsItem,
    VillageActivity,
    VillageCompleteness,
)
from villageweb.village.completeness import site_completeness

logger = logging.getLogger(__name__)

THUMBNAIL_FILTER = "fill-480x270|format-webp|webpquality-75"
_SPACES = re.compile(r"\s+")

_UPSERT_COLUMNS = [
    "village_id",
    "source_page_id",
    "title",
    "summary",
    "path",
    "date",
    "first_published_at",
    "last_published_at",
    "categories",
    "thumbnail_path",
]
# Moderation columns (hidden, hidden_reason, hidden_at, pinned) are never touched by an upsert:
# a hidden item stays hidden when the village edits and republishes it.
_UPSERT_SQL = """
INSERT INTO {table} ({columns}, search_vector, hidden, hidden_reason, pinned)
VALUES ({placeholders},
        setweight(to_tsvector('{config}', %s), 'A')
        || setweight(to_tsvector('{config}', %s), 'B')
        || setweight(to_tsvector('{config}', %s), 'C'),
        false, '', false)
ON CONFLICT (village_id, source_page_id) DO UPDATE SET {updates}, search_vector = EXCLUDED.search_vector
""".format(
    table=FederatedNewsItem._meta.db_table,
    columns=", ".join(_UPSERT_COLUMNS),
    placeholders=", ".join(["%s"] * len(_UPSERT_COLUMNS)),
    config=SEARCH_CONFIG,
    updates=", ".join(f"{column} = EXCLUDED.{column}" for column in _UPSERT_COLUMNS[2:]),
)


def plain_text(value: str) -> str:
    """Text without HTML and with single spaces: all a snapshot ever carries."""
    return _SPACES.sub(" ", strip_tags(get_text_for_indexing(value or ""))).strip()


def current_village() -> Village | None:
    """The real village whose schema this connection is in (None on the portal or the template)."""
    schema = connection.schema_name
    village = getattr(connection, "tenant", None)
    if not isinstance(village, Village) or village.schema_name != schema:
        village = Village.objects.filter(schema_name=schema).first()
    return village if village is not None and village.is_village else None


def _body_text(page) -> str:
    body = getattr(page, "body", None)
    if not body:
        return ""
    return plain_text(" ".join(body.stream_block.get_searchable_content(body)))


def _categories(page) -> list[str]:
    """Category names, if the news page type has categories (the news app may add them)."""
    categories = getattr(page, "categories", None)
    if categories is None:
        return []
    return sorted({plain_text(str(getattr(category, "name", category))) for category in categories.all()})


def _thumbnail_path(page) -> str:
    image = getattr(page, "main_image", None)
    if image is None:
        return ""
    try:
        return image.get_rendition(THUMBNAIL_FILTER).url
    except OSError:  # SourceImageIOError: the original file is missing
        logger.warning("Gambar utama berita %s tidak dapat dibaca; berita tampil tanpa gambar.", page.pk)
        return ""


def _snapshot_path(page) -> str | None:
    """The page's path on its village site, or None when the public cannot read it there."""
    if not page.live or page.get_view_restrictions().exists():
        return None
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    return url_parts[2]


def news_federate(*, page, village: Village | None = None) -> bool:
    """Bring the index entry of one news page in line with the page; True if it is now listed."""
    village = village or current_village()
    if village is None:
        return False
    path = _snapshot_path(page)
    if path is None:
        news_withdraw(page_ids=[page.pk], village=village)
        return False
    title = plain_text(page.title)
    summary = plain_text(getattr(page, "summary", ""))
    values = [
        village.pk,
        page.pk,
        title,
        summary,
        path,
        page.date,
        page.first_published_at or page.last_published_at or timezone.now(),
        page.last_published_at or timezone.now(),
        _categories(page),
        _thumbnail_path(page),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT_SQL, [*values, title, summary, _body_text(page)])
    return True


def news_withdraw(*, page_ids, village: Village | None = None) -> None:
    """Take pages off the portal (unpublished, deleted, made private)."""
    village = village or current_village()
    if village is None or not page_ids:
        return
    FederatedNewsItem.objects.filter(village=village, source_page_id__in=list(page_ids)).delete()


def news_subtree_federate(*, page, village: Village | None = None) -> None:
    """Re-check every news page at or under `page` (after a move, a privacy change, a new slug)."""
    village = village or current_village()
    if village is None:
        return
    for news_page in NewsPage.objects.descendant_of(page, inclusive=True).select_related("main_image"):
        news_federate(page=news_page, village=village)


@transaction.atomic
def federation_resync(*, village: Village) -> int:
    """Rebuild one village's entries from its schema; moderation decisions are kept.

    Returns how many of its news pages are listed afterwards.
    """
    listed = []
    with schema_context(village.schema_name):
        for page in NewsPage.objects.live().select_related("main_image"):
            if news_federate(page=page, village=village):
                listed.append(page.pk)
    FederatedNewsItem.objects.filter(village=village).exclude(source_page_id__in=listed).delete()
    return len(listed)


@transaction.atomic
def news_item_moderate(*, item: FederatedNewsItem, hidden: bool, hidden_reason: str, pinned: bool) -> None:
    """Diskominfo's decision on one item: hide it (with a reason the village reads) or pin it."""
    if hidden and not item.hidden:
        item.hidden_at = timezone.now()
    elif not hidden:
        item.hidden_at = None
        hidden_reason = ""
    item.hidden = hidden
    item.hidden_reason = hidden_reason.strip()
    item.pinned = pinned
    item.save(update_fields=["hidden", "hidden_reason", "hidden_at", "pinned"])


def village_completeness_record(*, village: Village, score: int) -> None:
    """Keep the village's latest Kelengkapan Situs score for the portal directory and the health page.
    An unchanged score writes nothing: the row is shown on the portal, so a write bans its front cache."""
    if VillageCompleteness.objects.filter(village=village, score=score).exists():
        return
    VillageCompleteness.objects.update_or_create(
        village=village, defaults={"score": score, "measured_at": timezone.now()}
    )


def village_activity_measure() -> dict:
    """The current schema's last edit (latest revision), last publication and page count."""
    return {
        "last_edit": Revision.objects.aggregate(last=Max("created_at"))["last"],
        "last_publish": Page.objects.aggregate(last=Max("last_published_at"))["last"],
        "pages": Page.objects.filter(depth__gt=1).count(),
    }


# Set while many pages are published at once (village_summary_deferred): one refresh at the end.
_summary_deferred: list[bool] = []


@contextlib.contextmanager
def village_summary_deferred():
    """Publish many pages (an import of an old site) with the village's activity and Kelengkapan
    score measured once at the end instead of after every page and revision."""
    _summary_deferred.append(False)
    try:
        yield
    finally:
        pending = _summary_deferred.pop()
        if pending and not _summary_deferred:
            village_summary_refresh()


def village_summary_refresh(*, completeness: bool = True) -> None:
    """Keep the current village's activity and Kelengkapan score (none on the portal or the template).

    Run by the page and branding signals (signals.py), so the regency's screens read two public
    tables instead of scoring every schema on every view."""
    if _summary_deferred:
        _summary_deferred[-1] = True
        return
    village = current_village()
    if village is None:
        return
    VillageActivity.objects.update_or_create(
        village=village, defaults={**village_activity_measure(), "measured_at": timezone.now()}
    )
    if completeness:
        village_completeness_record(village=village, score=site_completeness().score)


def village_completeness_refresh() -> int | None:
    """Measure the current schema's village (none on the portal or the template) and keep its score.

    Run on every publish, unpublish and delete of a page and every save of the village's branding
    (signals.py), and daily for what changes with the date alone (provisioning/jobs), so the regency's
    screens read one table instead of scoring every schema on every view."""
    village = current_village()
    if village is None:
        return None
    score = site_completeness().score
    village_completeness_record(village=village, score=score)
    return score
