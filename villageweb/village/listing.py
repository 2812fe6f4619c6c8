"""What the public may list: one answer for every list, feed, teaser and count citizens see.

A page behind a password, a log-in or a group restriction is live but not public: its title,
summary and picture stay off the home page, indexes, feeds, the agenda, the sitemap, search and the
portal (issue #26, item 11). Wagtail's own `.public()` decides, on top of `.live()`.
"""

from wagtail.query import PageQuerySet


def pages_public(queryset: PageQuerySet) -> PageQuerySet:
    """`queryset` narrowed to live pages under no view restriction."""
    return queryset.live().public()
