"""Everything a change to a page sets off, in one place and in order.

A publish, an unpublish, a move, a delete or a change of who may read a page runs `page_changed`,
inside the transaction of the action itself (signals.py makes Wagtail's actions atomic), so its
effects commit with it or not at all:

1. federation: the portal's index of village news (villageweb.portal.federation.services) follows
   the page: listed, withdrawn or re-pathed;
2. the service catalogue (villageweb.services.services): the portal's index of every provider's
   service pages follows the page the same way; then the regency's village services
   (villageweb.services.local.services): a village's /layanan/ published, hidden or moved takes
   its regency services' rows with it, and a page of its own at a template's address replaces it;
3. site health: the village's activity and Kelengkapan score (villageweb.health.services);
4. freshness: the village's content version is raised now and its hosts' and the portal's front
   cache are banned after the commit (villageweb.freshness). Last, so that the bans cover whatever
   the first three wrote.

Saving other rows (snippets, settings, images) reaches freshness through its own receivers
(villageweb/freshness/frontcache.py), which watch every model; this path is the one for pages.

Inside `changes_batched()` (an old site's import: a thousand pages at once) the same four steps run
once for the whole batch, at its end, in the same order (`_batch_flush`), and the search and
reference indexes follow every save of the batch there too (batch.py).
"""

import contextlib
import enum

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision

from villageweb.freshness.frontcache import hosts_ban_for_schema
from villageweb.freshness.versions import versions_raised_once
from villageweb.health.services import village_summary_deferred, village_summary_refresh
from villageweb.portal.federation.services import news_page_changed, news_pages_changed
from villageweb.publishing.batch import batch_current, batch_started, indexes_update
from villageweb.services.local.services import regency_page_changed
from villageweb.services.services import service_page_changed


class PageEvent(enum.StrEnum):
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    MOVED = "moved"
    DELETED = "deleted"
    RESTRICTED = "restricted"  # a view restriction added, changed or removed


# Which events change what the Kelengkapan score and activity read (live pages, their count).
_HEALTH_EVENTS = {PageEvent.PUBLISHED, PageEvent.UNPUBLISHED, PageEvent.DELETED}


def page_changed(*, page, event: PageEvent, url_path_before: str = "", url_path_after: str = "") -> None:
    batch = batch_current()
    if batch is not None:
        batch.events.append((page, event, url_path_before, url_path_after))
        return
    paths = {"url_path_before": url_path_before, "url_path_after": url_path_after}
    news_page_changed(page=page, event=event, **paths)
    service_page_changed(page=page, event=event, **paths)
    regency_page_changed(page=page, event=event, **paths)
    if event in _HEALTH_EVENTS:
        village_summary_refresh()
    hosts_ban_for_schema(connection.schema_name)


def page_edited() -> None:
    """A new draft revision or a new page: the editors are at work (activity only; the Kelengkapan
    score reads live content, which a draft does not change, and no visitor sees a draft)."""
    village_summary_refresh(completeness=False)


def branding_changed() -> None:
    """The village's contact details count in the Kelengkapan score (freshness sees the save itself)."""
    village_summary_refresh()


@contextlib.contextmanager
def changes_batched():
    """Save and publish many pages and files (an old site's import) with what each change sets off
    run once, at the end: the same steps as page_changed, in its order, then the village's content
    version raised once instead of after every save. Enter it inside the batch's transaction; on an
    error nothing of it runs (the transaction rolls back what it would have followed). Only this
    thread's (or task's) changes wait; nested, the outer batch carries on."""
    if batch_current() is not None:
        yield batch_current()
        return
    with versions_raised_once(), village_summary_deferred(), batch_started() as batch:
        yield batch
        _batch_flush(batch)


def _batch_flush(batch) -> None:
    indexes_update(batch)
    events = batch.events
    news_pages_changed(changes=events)
    for page, event, before, after in events:
        service_page_changed(page=page, event=event, url_path_before=before, url_path_after=after)
        regency_page_changed(page=page, event=event, url_path_before=before, url_path_after=after)
    if any(event in _HEALTH_EVENTS for _page, event, _before, _after in events):
        village_summary_refresh()
    if events or batch.saved:
        hosts_ban_for_schema(connection.schema_name)


def page_add_published(*, parent: Page, page: Page, first_published_at=None) -> Page:
    """Add `page` under `parent`, live, with one revision published, as creating and publishing it in
    the admin leaves it (its create and publish entries in the history), in one save and a revision
    instead of the admin's three saves and a revision read back: for many new pages at once (an old
    site's import). page_changed follows as for any publish."""
    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = first_published_at or now
    page.last_published_at = now
    page.draft_title = page.title
    page.latest_revision_created_at = now
    page.locale_id = page.locale_id or parent.locale_id  # what Page.save would look up
    page = parent.add_child(instance=page)
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
        created_at=now,
    )
    page.latest_revision = page.live_revision = revision
    Page.objects.filter(pk=page.pk).update(latest_revision=revision, live_revision=revision)
    context = get_active_log_context()
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                page=page,
                content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
                label=page.get_admin_display_title(),
                action="wagtail.publish",
                data={},
                timestamp=now,
                user=context.user,
                uuid=context.uuid,
                revision=revision,
                content_changed=True,
            )
        ]
    )
    page_changed(page=page, event=PageEvent.PUBLISHED)
    return page
