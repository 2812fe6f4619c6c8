"""Agenda: upcoming and past events, and iCal files that calendar apps can read."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from villageweb.announcements.models import EventIndexPage

from ..factories import admin_client_for, in_village, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def village_with_events(village_factory):
    village = village_factory("Jlodro")
    now = timezone.now().replace(microsecond=0)
    with in_village(village):
        make_event(
            "Musyawarah Desa RKPDes", start=now + datetime.timedelta(days=3), place="Balai Desa Jlodro"
        )
        make_event("Posyandu Dusun Krajan", start=now - datetime.timedelta(days=10), place="Rumah Pak RT 02")
    return village, now


def test_agenda_lists_upcoming_and_past_events_separately(village_with_events, client_for):
    village, _ = village_with_events
    response = client_for(village.domain).get("/agenda/")
    assert response.status_code == 200
    upcoming, past = response.text.split("Acara yang sudah berlangsung")
    assert "Musyawarah Desa RKPDes" in upcoming and "Posyandu Dusun Krajan" not in upcoming
    assert "Posyandu Dusun Krajan" in past


def test_home_page_shows_only_upcoming_events(village_with_events, client_for):
    village, _ = village_with_events
    home = client_for(village.domain).get("/")
    assert "Agenda mendatang" in home.text
    assert "Musyawarah Desa RKPDes" in home.text and "Posyandu Dusun Krajan" not in home.text


def test_event_page_and_its_ical_file(village_with_events, client_for):
    village, now = village_with_events
    client = client_for(village.domain)
    page = client.get("/agenda/musyawarah-desa-rkpdes/")
    assert page.status_code == 200
    assert "Balai Desa Jlodro" in page.text and "WIB" in page.text

    assert 'href="/agenda/musyawarah-desa-rkpdes/kalender/"' in page.text
    response = client.get("/agenda/musyawarah-desa-rkpdes/kalender/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="musyawarah-desa-rkpdes.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Musyawarah Desa RKPDes"
    assert str(event["location"]) == "Balai Desa Jlodro"
    assert event.decoded("dtstart") == now + datetime.timedelta(days=3)
    assert event.decoded("dtend") == now + datetime.timedelta(days=3, hours=2)
    assert str(event["url"]) == f"http://{village.domain}/agenda/musyawarah-desa-rkpdes/"


def test_whole_agenda_ical_has_every_event(village_with_events, client_for):
    village, _ = village_with_events
    response = client_for(village.domain).get("/agenda/kalender/")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert sorted(str(event["summary"]) for event in calendar.walk("VEVENT")) == [
        "Musyawarah Desa RKPDes",
        "Posyandu Dusun Krajan",
    ]
    assert len({str(event["uid"]) for event in calendar.walk("VEVENT")}) == 2


def test_long_description_is_folded_and_escaped_in_ical(village_factory, client_for):
    village = village_factory("Jlodro")
    description = "Membawa KTP, KK; dan undangan. " * 10
    with in_village(village):
        make_event("Rapat BPD", start=timezone.now() + datetime.timedelta(days=1), description=description)
    body = client_for(village.domain).get("/agenda/rapat-bpd/kalender/").content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert b"KK\\;" in body
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    assert str(event["description"]) == description


def test_village_admin_can_open_agenda_editors(village_with_events):
    village, _ = village_with_events
    with in_village(village):
        index = EventIndexPage.objects.get()
        event = index.get_children().first()
    client = admin_client_for(village)
    for url in (
        f"/admin/pages/{index.pk}/edit/",
        f"/admin/pages/{event.pk}/edit/",
        f"/admin/pages/add/announcements/eventpage/{index.pk}/",
    ):
        assert client.get(url).status_code == 200, url
