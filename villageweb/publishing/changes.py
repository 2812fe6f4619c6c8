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
"""

import enum

from django.db import connection

from villageweb.freshness.frontcache import hosts_ban_for_schema
from villageweb.health.services import village_summary_refresh
from villageweb.portal.federation.services import news_page_changed
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
