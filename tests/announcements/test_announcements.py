"""Pengumuman: current ones on the home page and the list, expired ones only in the archive."""

import datetime

import pytest
from django.utils import timezone

from villageweb.announcements.models import AnnouncementIndexPage

from ..factories import admin_client_for, in_village, make_announcement

pytestmark = pytest.mark.django_db


def test_expired_announcement_leaves_the_home_page_by_itself(village_factory, client_for):
    village = village_factory("Jlodro")
    today = timezone.localdate()
    with in_village(village):
        make_announcement("Jadwal penyaluran BLT Dana Desa", valid_until=today)
        make_announcement("Pendaftaran calon perangkat desa", valid_until=today - datetime.timedelta(days=1))
    client = client_for(village.domain)
    home = client.get("/")
    assert "Jadwal penyaluran BLT Dana Desa" in home.text
    assert "Pendaftaran calon perangkat desa" not in home.text

    listing = client.get("/pengumuman/")
    assert listing.status_code == 200
    current, archive = listing.text.split("Arsip pengumuman")
    assert "Jadwal penyaluran BLT Dana Desa" in current
    assert "Pendaftaran calon perangkat desa" in archive


def test_announcement_page_shows_dates_and_expiry_notice(village_factory, client_for):
    village = village_factory("Jlodro")
    with in_village(village):
        make_announcement(
            "Pemadaman listrik",
            date=datetime.date(2026, 1, 5),
            valid_until=datetime.date(2026, 1, 6),
        )
    response = client_for(village.domain).get("/pengumuman/pemadaman-listrik/")
    assert response.status_code == 200
    assert "5 Januari 2026" in response.text and "6 Januari 2026" in response.text
    assert "sudah tidak berlaku" in response.text


def test_village_admin_can_open_announcement_editors(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        index = AnnouncementIndexPage.objects.get()
        page = make_announcement(valid_until=timezone.localdate())
    client = admin_client_for(village)
    for url in (
        f"/admin/pages/{index.pk}/edit/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/add/announcements/announcementpage/{index.pk}/",
    ):
        assert client.get(url).status_code == 200, url
