"""Dates the editor refuses: an event ending before it starts, an announcement expiring before it is made."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from villageweb.announcements.models import AnnouncementPage, EventPage


@pytest.mark.django_db
def test_event_cannot_end_before_it_starts_nor_announcement_expire_before_it_is_made():
    start = datetime.datetime(2026, 12, 1, 19, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError, match="Waktu selesai"):
        EventPage(title="Rapat", slug="rapat", start=start, end=start - datetime.timedelta(hours=1)).clean()
    with pytest.raises(ValidationError, match="Tanggal berlaku"):
        AnnouncementPage(
            title="PBB",
            slug="pbb",
            date=datetime.date(2026, 12, 1),
            valid_until=datetime.date(2026, 11, 1),
        ).clean()
