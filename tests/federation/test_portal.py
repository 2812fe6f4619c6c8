"""The portal's Berita Desa pages, kecamatan pages, directory, home block and Atom feeds."""

import feedparser
import pytest

from ..factories import in_village, make_news_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_districts(village_factory):
    jlodro = village_factory("Jlodro", code="35.23.01.2001", district_name="Kenduruan")
    sokogunung = village_factory("Sokogunung", code="35.23.01.2002", district_name="Kenduruan")
    kaliuntu = village_factory("Kaliuntu", code="35.23.12.2014", district_name="Jenu")
    with in_village(jlodro):
        make_news_page("Panen jagung melimpah", date="2026-11-03", summary="Petani jagung Jlodro panen.")
    with in_village(sokogunung):
        make_news_page("Posyandu lansia", date="2026-11-02")
    with in_village(kaliuntu):
        make_news_page("Nelayan melaut lagi", date="2026-11-04", summary="Cuaca membaik bagi nelayan.")
    return jlodro, sokogunung, kaliuntu


def portal(client_for, path):
    response = client_for("localhost").get(path)
    assert response.status_code == 200, response.status_code
    return response.text


def positions(text, *titles):
    return [text.index(title) for title in titles]


def test_berita_desa_lists_every_village_newest_first_with_village_and_kecamatan(two_districts, client_for):
    jlodro, _, _ = two_districts
    text = portal(client_for, "/berita-desa/")
    a, b, c = positions(text, "Nelayan melaut lagi", "Panen jagung melimpah", "Posyandu lansia")
    assert a < b < c
    assert f'href="http://{jlodro.domain}/berita/panen-jagung-melimpah/"' in text
    assert "Desa Jlodro · Kec. Kenduruan" in text
    assert "3 November 2026" in text


def test_berita_desa_filters_by_kecamatan_village_and_search(two_districts, client_for):
    text = portal(client_for, "/berita-desa/?kecamatan=35.23.01")
    assert "Panen jagung melimpah" in text and "Posyandu lansia" in text and "Nelayan" not in text
    text = portal(client_for, "/berita-desa/?kecamatan=35.23.01&desa=35.23.01.2002")
    assert "Posyandu lansia" in text and "Panen jagung" not in text
    text = portal(client_for, "/berita-desa/?q=nelayan")
    assert "Nelayan melaut lagi" in text and "Panen jagung" not in text
    text = portal(client_for, "/berita-desa/?q=panen -nelayan")
    assert "Panen jagung melimpah" in text
    text = portal(client_for, "/berita-desa/?q=tidakadasamasekali")
    assert "Tidak ada berita yang cocok" in text


def test_berita_desa_pages_through_the_list_and_survives_bad_page_numbers(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        for day in range(1, 23):
            make_news_page(f"Kabar hari ke-{day:02d}", date=f"2026-10-{day:02d}")
    first = portal(client_for, "/berita-desa/")
    assert "Kabar hari ke-22" in first and "Kabar hari ke-02" not in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = portal(client_for, "/berita-desa/?halaman=2")
    assert "Kabar hari ke-02" in second and "Kabar hari ke-01" in second and "Kabar hari ke-22" not in second
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert "Kabar hari ke-22" in portal(client_for, "/berita-desa/?halaman=abc")


def test_kecamatan_page_shows_only_its_villages_and_unknown_kecamatan_is_404(two_districts, client_for):
    text = portal(client_for, "/berita-desa/kecamatan/kenduruan/")
    assert "Berita Desa Kecamatan Kenduruan" in text
    assert "Panen jagung melimpah" in text and "Nelayan" not in text
    assert "Desa Sokogunung" in text
    assert client_for("localhost").get("/berita-desa/kecamatan/atlantis/").status_code == 404


def test_directory_lists_villages_with_kecamatan_link_and_last_news_date(two_districts, client_for):
    jlodro, _, _ = two_districts
    text = portal(client_for, "/desa/")
    assert f'href="http://{jlodro.domain}/"' in text
    assert "Desa Kaliuntu" in text and "Jenu" in text
    assert "4 November 2026" in text


def test_every_portal_page_links_berita_desa_and_the_directory_in_its_menu(platform, client_for):
    import re

    for path in ("/", "/berita-desa/", "/desa/"):
        text = portal(client_for, path)
        menu = re.search(r'<nav class="site-navigation".*?</nav>', text, re.S).group(0)
        assert 'href="/berita-desa/"' in menu and ">Berita Desa<" in menu, path
        assert 'href="/desa/"' in menu and ">Direktori Desa<" in menu, path


def test_portal_home_shows_latest_village_news(two_districts, client_for):
    text = portal(client_for, "/")
    assert "Berita desa terbaru" in text
    assert text.index("Nelayan melaut lagi") < text.index("Posyandu lansia")


def test_atom_feeds_validate_and_per_kecamatan_feed_is_filtered(two_districts, client_for):
    everything = feedparser.parse(client_for("localhost").get("/berita-desa/feed/").content)
    assert everything.bozo == 0
    assert [entry.title for entry in everything.entries] == [
        "Nelayan melaut lagi",
        "Panen jagung melimpah",
        "Posyandu lansia",
    ]
    assert everything.entries[0].link.startswith("http://kaliuntu.localhost/")
    district = feedparser.parse(client_for("localhost").get("/berita-desa/kecamatan/jenu/feed/").content)
    assert district.bozo == 0
    assert [entry.title for entry in district.entries] == ["Nelayan melaut lagi"]
    assert client_for("localhost").get("/berita-desa/kecamatan/atlantis/feed/").status_code == 404


def test_portal_query_count_does_not_grow_with_villages(
    village_factory, client_for, django_assert_max_num_queries, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.VILLAGEWEB_PORTAL_CACHED_PATHS = []  # count what rendering costs, not the page cache

    def count(path):
        # Warm the per-schema caches (site root paths) and the portal's frame first; twice, since
        # the first request on a new portal also creates its branding row (a frame change).
        portal(client_for, path)
        portal(client_for, path)
        with CaptureQueriesContext(connection) as queries:
            portal(client_for, path)
        return len(queries)

    first = village_factory("Jlodro")
    with in_village(first):
        make_news_page("Satu")
    paths = ["/berita-desa/", "/berita-desa/kecamatan/kenduruan/", "/berita-desa/?q=satu", "/desa/", "/"]
    small = [count(path) for path in paths]
    for name in ("Wangi", "Sumber", "Mulyo"):
        village = village_factory(name)
        with in_village(village):
            make_news_page(f"Kabar {name}")
            make_news_page(f"Kabar lain {name}")
    assert [count(path) for path in paths] == small
