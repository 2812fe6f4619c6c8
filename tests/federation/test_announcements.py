"""Regency announcements: written once on the portal, shown on the chosen villages until their end date."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from villageweb.portal.federation.models import RegencyAnnouncement

pytestmark = pytest.mark.django_db


def announce(title, *, days_left=3, district_codes=(), starts_in=0):
    today = timezone.localdate()
    return RegencyAnnouncement.objects.create(
        title=title,
        body=f"<p>Isi {title}.</p>",
        start_date=today + timedelta(days=starts_in),
        end_date=today + timedelta(days=days_left),
        district_codes=list(district_codes),
    )


def test_announcement_for_all_shows_on_every_village_and_targeted_one_only_on_its_kecamatan(
    village_factory, client_for
):
    jlodro = village_factory("Jlodro", code="35.23.01.2001", district_name="Kenduruan")
    kaliuntu = village_factory("Kaliuntu", code="35.23.12.2014", district_name="Jenu")
    announce("Vaksinasi massal")
    announce("Rapat camat Kenduruan", district_codes=["35.23.01"])
    jlodro_home = client_for(jlodro.domain).get("/").text
    kaliuntu_home = client_for(kaliuntu.domain).get("/").text
    assert "Pengumuman Kabupaten" in jlodro_home
    assert "Vaksinasi massal" in jlodro_home and "Rapat camat Kenduruan" in jlodro_home
    assert "Vaksinasi massal" in kaliuntu_home and "Rapat camat Kenduruan" not in kaliuntu_home


def test_announcement_disappears_after_its_end_date_and_waits_for_its_start(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    announce("Sudah lewat", days_left=-1)
    announce("Berakhir hari ini", days_left=0)
    announce("Belum mulai", starts_in=2, days_left=5)
    home = client_for(jlodro.domain).get("/").text
    assert "Berakhir hari ini" in home
    assert "Sudah lewat" not in home and "Belum mulai" not in home


def test_no_announcement_no_box(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    assert "Pengumuman Kabupaten" not in client_for(jlodro.domain).get("/").text


def test_announcement_rejects_internal_links_and_reversed_dates(platform):
    today = timezone.localdate()
    announcement = RegencyAnnouncement(
        title="Tautan",
        body='<p><a linktype="page" id="3">halaman</a></p>',
        start_date=today,
        end_date=today - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        announcement.full_clean()
    assert set(error.value.message_dict) == {"body", "end_date"}


def test_diskominfo_writes_an_announcement_in_the_portal_admin(village_factory, client_for):
    jlodro = village_factory("Jlodro", code="35.23.01.2001", district_name="Kenduruan")
    client = client_for("localhost")
    client.force_login(get_user_model().objects.create_superuser("diskominfo", password="rahasia-sekali"))
    form = client.get("/admin/snippets/federation/regencyannouncement/add/")
    assert form.status_code == 200 and "Kenduruan" in form.text
    today = timezone.localdate()
    response = client.post(
        "/admin/snippets/federation/regencyannouncement/add/",
        {
            "title": "Kerja bakti serentak",
            "body": '{"blocks":[{"key":"a","type":"unstyled","text":"Minggu pagi.","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "start_date": today.isoformat(),
            "end_date": (today + timedelta(days=7)).isoformat(),
            "district_codes": ["35.23.01"],
        },
    )
    assert response.status_code == 302, response.text[:3000]
    assert RegencyAnnouncement.objects.get().district_codes == ["35.23.01"]
    assert "Kerja bakti serentak" in client_for(jlodro.domain).get("/").text
