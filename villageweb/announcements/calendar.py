"""Agenda events as RFC 5545 iCalendar files (one event, or the whole agenda), via `icalendar`."""

from collections.abc import Iterable

from django.db import connection
from django.utils import timezone
from icalendar import Calendar, Event


def calendar_build(events: Iterable, *, request) -> bytes:
    """Events with absolute URLs on the host that was asked and a UID stable across renames."""
    village = getattr(connection, "tenant", None)
    name = village.display_name if village else "Agenda desa"
    host = request.get_host()
    calendar = Calendar()
    calendar.add("prodid", "-//VillageWeb//Agenda Desa//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Agenda {name}")
    for page in events:
        event = Event()
        event.add("uid", f"acara-{page.pk}@{host.split(':')[0]}")
        event.add("dtstamp", page.last_published_at or timezone.now())
        event.add("dtstart", timezone.localtime(page.start))
        event.add("dtend", timezone.localtime(page.end))
        event.add("summary", page.title)
        event.add("location", page.place)
        event.add("description", page.description)
        event.add("url", request.build_absolute_uri(page.get_url(request=request)))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
