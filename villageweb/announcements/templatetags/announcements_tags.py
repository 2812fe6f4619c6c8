"""The home page's announcement and agenda sections."""

from django import template

from villageweb.announcements.models import (
    AnnouncementIndexPage,
    EventIndexPage,
    current_announcements,
    upcoming_events,
)

register = template.Library()


@register.inclusion_tag("announcements/includes/home_announcements.html")
def home_announcements(count: int = 5):
    return {
        "announcements": current_announcements()[:count],
        "index_page": AnnouncementIndexPage.objects.live().first(),
    }


@register.inclusion_tag("announcements/includes/home_agenda.html")
def home_agenda(count: int = 3):
    return {
        "events": upcoming_events()[:count],
        "index_page": EventIndexPage.objects.live().first(),
    }
