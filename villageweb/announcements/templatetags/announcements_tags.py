"""The home page's announcement and agenda sections, cached under the village's content version
(villageweb.freshness.site_cache) and the day or hour they depend on."""

import datetime

from django import template
from django.db.models import Q
from django.utils import timezone

from villageweb.announcements.models import (
    AnnouncementIndexPage,
    EventIndexPage,
    current_announcements,
    upcoming_events,
)
from villageweb.freshness.site_cache import cached_for_site

register = template.Library()


@register.inclusion_tag("announcements/includes/home_announcements.html", takes_context=True)
def home_announcements(context, count: int = 5):
    today = timezone.localdate()

    def section():
        return {
            "announcements": list(current_announcements(today)[:count]),
            "index_page": AnnouncementIndexPage.objects.live().first(),
        }

    return cached_for_site(
        context.get("request"), f"home-announcements:{count}:{today.isoformat()}", section, page_only=True
    )


@register.inclusion_tag("announcements/includes/home_agenda.html", takes_context=True)
def home_agenda(context, count: int = 3):
    """Events still running now, soonest first. What is cached is good for the whole day: every event
    ending today (each drops out at its own end time) and the first `count` ending later."""
    now = timezone.now()
    today = timezone.localdate(now)
    tomorrow = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )

    def section():
        # One query: the first `count` ending later are a subquery of the events ending today's.
        ending_later = upcoming_events(now=tomorrow).values("pk")[:count]
        events = upcoming_events(now=now).filter(Q(end__lt=tomorrow) | Q(pk__in=ending_later))
        return {
            "events": list(events),
            "index_page": EventIndexPage.objects.live().first(),
        }

    day = cached_for_site(
        context.get("request"), f"home-agenda:{count}:{today.isoformat()}", section, page_only=True
    )
    return {**day, "events": [event for event in day["events"] if event.end >= now][:count]}
