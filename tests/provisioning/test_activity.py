"""Activity pictures: the health dashboard's weekly news chart, sorting and silent filter; the
portal's "Desa aktif bulan ini"."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from provisioning.activity import news_chart_svg, weekly_news_counts
from villageweb.portal.federation.queries import active_villages_this_month, village_roster

from ..factories import in_village, make_diskominfo_staff, make_news_page


@pytest.fixture
def staff_client(platform, client_for):
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff())
    return client


def test_weekly_counts_cover_a_year_per_kecamatan(village_factory):
    today = timezone.localdate()
    jenu = village_factory("Jlodro", code="35.23.03.2001", district_name="Jenu")
    tuban = village_factory("Sugihwaras", code="35.23.04.2001", district_name="Tuban")
    with in_village(jenu):
        make_news_page("Kerja bakti", date=today)
        make_news_page("Posyandu", date=today)
        make_news_page("Panen", date=today - datetime.timedelta(days=100))
        make_news_page("Terlalu lama", date=today - datetime.timedelta(days=400))
        make_news_page("Belum waktunya", date=today + datetime.timedelta(days=1))
    with in_village(tuban):
        make_news_page("Lomba", date=today)
    regency = weekly_news_counts(today=today)
    assert len(regency) == 52 and regency[-1][0] <= today < regency[-1][0] + datetime.timedelta(days=7)
    assert all(monday.weekday() == 0 for monday, _ in regency)
    assert regency[-1][1] == 3 and sum(count for _, count in regency) == 4
    assert sum(count for _, count in weekly_news_counts(district_code="35.23.04", today=today)) == 1
    svg = news_chart_svg(regency, title="Berita per pekan")
    assert svg.startswith("<svg") and len(re.findall(r"<rect ", svg)) == 52
    assert "4 berita dalam 52 pekan" in svg


def test_health_page_draws_the_chart_sorts_and_filters_silent_villages(staff_client, village_factory):
    busy = village_factory("Jlodro")
    village_factory("Wangi")
    with in_village(busy):
        make_news_page("Kerja bakti", date=timezone.localdate())
    page = staff_client.get("/admin/desa/kesehatan/?urut=-berita")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "1 berita dalam 52 pekan" in text
    table = text.split("<tbody>")[1]
    assert table.index("Desa Jlodro") < table.index("Desa Wangi")
    ascending = staff_client.get("/admin/desa/kesehatan/?urut=berita").content.decode().split("<tbody>")[1]
    assert ascending.index("Desa Wangi") < ascending.index("Desa Jlodro")
    assert 'aria-sort="descending"' in text
    # Every village here was touched today (provisioning edits pages): none silent for 10 days.
    silent = staff_client.get("/admin/desa/kesehatan/?diam=10").content.decode().split("<tbody>")[1]
    assert "Tidak ada desa yang cocok" in silent
    bad = staff_client.get("/admin/desa/kesehatan/?diam=sepuluh")
    assert bad.status_code == 200 and "Isi jumlah hari dengan angka bulat" in bad.content.decode()


def test_active_villages_this_month_one_per_kecamatan_in_one_query(village_factory, client_for):
    today = timezone.localdate()
    first = village_factory("Jlodro", code="35.23.03.2001", district_name="Jenu")
    second = village_factory("Wangi", code="35.23.03.2002", district_name="Jenu")
    village_factory("Sugihwaras", code="35.23.04.2001", district_name="Tuban")
    with in_village(first):
        make_news_page("Satu", date=today)
    with in_village(second):
        make_news_page("Dua", date=today)
        make_news_page("Tiga", date=today)
        make_news_page("Bulan lalu", date=today.replace(day=1) - datetime.timedelta(days=1))
    connection.set_schema_to_public()
    roster = village_roster()  # what the portal home already holds for the request
    with CaptureQueriesContext(connection) as queries:
        rows = active_villages_this_month(roster=roster)
    assert len(queries) == 1
    assert [(row.district_name, row.village.name, row.news_count) for row in rows] == [("Jenu", "Wangi", 2)]
    home = client_for("localhost").get("/").content.decode()
    assert "Desa aktif bulan ini" in home and "Desa Wangi</a> (2 berita)" in home
