"""Dates as Indonesians write them ("28 November 2026"), a template builtin for every page.

Django's `date` filter looks up month names through gettext on every call (about 0.1 ms on this
platform's machines); a portal listing shows dozens of dates, most of them the same few days, so
the formatted text is kept per (date, language).
"""

import datetime
from functools import lru_cache

from django import template
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

register = template.Library()

# A news item has a day, not a time: every feed (the village's and the portal's) gives it this time of
# that day in Asia/Jakarta, so a reader following both sees one time.
NEWS_PUBLISHED_TIME = datetime.time(8, 0)


def news_published_at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, NEWS_PUBLISHED_TIME))


@lru_cache(maxsize=4096)
def _formatted(value: datetime.date, language: str | None) -> str:
    return date_format(value, "j F Y")


def _as_date(value) -> datetime.date | None:
    """A datetime counts by its local date (Asia/Jakarta), as Django's `date` filter shows it."""
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value if isinstance(value, datetime.date) else None


@register.filter
def tanggal(value) -> str:
    """`{{ page.date|tanggal }}` -> "28 November 2026"; empty for no date."""
    value = _as_date(value)
    return _formatted(value, translation.get_language()) if value else ""


@register.simple_tag
def waktu(value) -> str:
    """`{% waktu page.date %}` -> `<time datetime="2026-11-28">28 November 2026</time>`."""
    value = _as_date(value)
    if value is None:
        return ""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), tanggal(value))
