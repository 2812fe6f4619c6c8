"""Keeping the federated news index in step with the villages' news, and moderating it.

Writers run inside a village's schema (the publish, unpublish, move or delete that triggered them)
and write the public table through the search path, in the caller's transaction: a failed index
write fails the publish with it.
"""

import logging
import re

from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django_tenants.utils import schema_context
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import PageViewRestriction
from wagtail.rich_text import get_text_for_indexing

from tenants.models import Village
from villageweb.health.services import current_village
from villageweb.news.models import NewsPage
from villageweb.portal.federation.models import SEARCH_CONFIG, FederatedNewsItem
from villageweb.village.listing import pages_public

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
_UPSERT_ROW = """({placeholders},
        setweight(to_tsvector('{config}', %s), 'A')
        || setweight(to_tsvector('{config}', %s), 'B')
        || setweight(to_tsvector('{config}', %s), 'C'),
        false, '', false)""".format(
    placeholders=", ".join(["%s"] * len(_UPSERT_COLUMNS)), config=SEARCH_CONFIG
)
_UPSERT_SQL = """
INSERT INTO {table} ({columns}, search_vector, hidden, hidden_reason, pinned)
VALUES {{rows}}
ON CONFLICT (village_id, source_page_id) DO UPDATE SET {updates}, search_vector = EXCLUDED.search_vector
""".format(
    table=FederatedNewsItem._meta.db_table,
    columns=", ".join(_UPSERT_COLUMNS),
    updates=", ".join(f"{column} = EXCLUDED.{column}" for column in _UPSERT_COLUMNS[2:]),
)


def plain_text(value: str) -> str:
    """Text without HTML and with single spaces: all a snapshot ever carries."""
    return _SPACES.sub(" ", strip_tags(get_text_for_indexing(value or ""))).strip()


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


def _thumbnail_paths(pages) -> dict[int, str]:
    """The portal thumbnail of each page's main image, by image id. The renditions already made are
    read in one query; the missing ones are drawn and inserted in one statement, instead of a lookup,
    a savepoint and an insert per image (an old site's import brings a thousand at once)."""
    wanted = {page.main_image_id for page in pages if getattr(page, "main_image_id", None)}
    if not wanted:
        return {}
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    thumbnail = Filter(spec=THUMBNAIL_FILTER)
    paths, new = {}, []
    for image in image_model.objects.filter(pk__in=wanted).prefetch_renditions(THUMBNAIL_FILTER):
        existing = image.find_existing_renditions(thumbnail).get(thumbnail)
        if existing is not None:
            paths[image.pk] = existing.url
            continue
        try:
            drawn = image.generate_rendition_file(thumbnail)
        except OSError:  # SourceImageIOError: the original file is missing
            logger.warning("Gambar %s tidak dapat dibaca; beritanya tampil tanpa gambar.", image.pk)
            continue
        new.append(
            rendition_model(
                image=image,
                filter_spec=thumbnail.spec,
                focal_point_key=thumbnail.get_cache_key(image),
                file=drawn,
            )
        )
    rendition_model.objects.bulk_create(new, ignore_conflicts=True)
    paths.update({rendition.image_id: rendition.url for rendition in new})
    return paths


def _snapshot_path(page, *, restricted_paths: list[str] | None = None) -> str | None:
    """The page's path on its village site, or None when the public cannot read it there.
    `restricted_paths`: the tree paths of every view-restricted page of the schema, read once for
    many pages (news_federate_many) instead of asking for each page's restrictions."""
    if not page.live:
        return None
    if restricted_paths is None:
        if page.get_view_restrictions().exists():
            return None
    elif any(page.path.startswith(path) for path in restricted_paths):
        return None
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    return url_parts[2]


def _upsert_sql(rows: int) -> str:
    """The upsert of `rows` entries in one statement (the portal's version triggers fire per statement)."""
    return _UPSERT_SQL.format(rows=",\n".join([_UPSERT_ROW] * rows))


def news_federate(*, page, village: Village | None = None) -> bool:
    """Bring the index entry of one news page in line with the page; True if it is now listed."""
    return bool(news_federate_many(pages=[page], village=village))


def news_federate_many(*, pages, village: Village | None = None, batch_size: int = 200) -> set[int]:
    """news_federate for many news pages of the current schema at once (an old site's import): the
    restrictions read once, the entries written a few hundred per statement. Returns the ids listed."""
    village = village or current_village()
    if village is None or not pages:
        return set()
    restricted_paths = None
    if len(pages) > 1:
        restricted_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    listed, withdrawn = [], []
    for page in pages:
        path = _snapshot_path(page, restricted_paths=restricted_paths)
        if path is None:
            withdrawn.append(page.pk)
        else:
            listed.append((page, path))
    thumbnails = _thumbnail_paths([page for page, _path in listed])
    rows = []
    for page, path in listed:
        title = plain_text(page.title)
        summary = plain_text(getattr(page, "summary", ""))
        rows.append(
            [
                village.pk,
                page.pk,
                title,
                summary,
                path,
                page.date,
                page.first_published_at or page.last_published_at or timezone.now(),
                page.last_published_at or timezone.now(),
                _categories(page),
                thumbnails.get(getattr(page, "main_image_id", None), ""),
                title,
                summary,
                _body_text(page),
            ]
        )
    news_withdraw(page_ids=withdrawn, village=village)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            chunk = rows[start : start + batch_size]
            cursor.execute(_upsert_sql(len(chunk)), [value for row in chunk for value in row])
    return {row[1] for row in rows}


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
        for page in pages_public(NewsPage.objects).select_related("main_image"):
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


def news_page_changed(*, page, event: str, url_path_before: str = "", url_path_after: str = "") -> None:
    """Federation's part of a page event (villageweb.publishing.changes.page_changed): the index
    follows the page. `event` is one of villageweb.publishing.changes.PageEvent."""
    if event == "published":
        if isinstance(page, NewsPage):
            news_federate(page=page)
        elif not page.is_site_root() and NewsPage.objects.descendant_of(page).exists():
            # A new slug on a section moves the addresses of the news under it.
            news_subtree_federate(page=page)
    elif event in ("unpublished", "deleted"):
        # A deleted page arrives as its base Page row (post_delete): withdraw by id, whatever its type.
        if event == "deleted" or isinstance(page, NewsPage):
            news_withdraw(page_ids=[page.pk])
    elif event == "moved":
        if url_path_before != url_path_after:
            news_subtree_federate(page=page)
    elif event == "restricted":
        news_subtree_federate(page=page)


def news_pages_changed(*, changes) -> None:
    """news_page_changed for a batch of page events (villageweb.publishing.changes.changes_batched),
    given as (page, event, url_path_before, url_path_after): the news pages published or restricted
    are federated together from their state at the end of the batch (the last word on each), every
    other event as it came."""
    together = set()
    for page, event, before, after in changes:
        if event in ("published", "restricted") and isinstance(page, NewsPage):
            together.add(page.pk)
        else:
            news_page_changed(page=page, event=event, url_path_before=before, url_path_after=after)
    if together:
        pages = (
            NewsPage.objects.filter(pk__in=together)
            .select_related("main_image")
            .prefetch_related("categories")
        )
        news_federate_many(pages=list(pages))
