"""The Atom feed at /berita/feed/ is valid Atom with absolute links on the host that asked."""

import feedparser
import pytest

from villageweb.news.models import NewsCategory

from ..factories import in_village, make_news_page

pytestmark = pytest.mark.django_db


def test_feed_is_valid_atom_with_absolute_links_on_request_host(village_factory, client_for):
    village = village_factory("Jlodro")
    with in_village(village):
        category = NewsCategory.objects.create(name="Kegiatan Warga")
        make_news_page("Lomba desa tingkat kecamatan", date="2026-11-20", categories=[category])
        make_news_page("Kerja bakti & gotong royong <RT 03>", date="2026-11-25")
    response = client_for(village.domain).get("/berita/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")

    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert "Desa Jlodro" in feed.feed.title
    assert [entry.title for entry in feed.entries] == [
        "Kerja bakti & gotong royong <RT 03>",
        "Lomba desa tingkat kecamatan",
    ]
    base = f"http://{village.domain}/berita/"
    assert feed.feed.link == base
    assert feed.entries[1].link == f"{base}lomba-desa-tingkat-kecamatan/"
    assert feed.entries[1].tags[0].term == "Kegiatan Warga"
    assert feed.entries[1].summary == "Ringkasan: Lomba desa tingkat kecamatan."
    assert all(entry.id.startswith(base) for entry in feed.entries)


def test_feed_links_follow_the_host_and_port_of_the_request(village_factory, client_for):
    village = village_factory("Jlodro")
    with in_village(village):
        make_news_page("Lomba desa tingkat kecamatan")
    response = client_for(f"{village.domain}:8000").get("/berita/feed/")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    assert feed.entries[0].link == f"http://{village.domain}:8000/berita/lomba-desa-tingkat-kecamatan/"


def test_news_pages_advertise_the_feed(village_factory, client_for):
    village = village_factory("Jlodro")
    response = client_for(village.domain).get("/berita/")
    assert 'type="application/atom+xml"' in response.text
    assert 'href="/berita/feed/"' in response.text


def test_a_news_item_has_the_same_published_time_in_the_village_and_the_portal_feeds(
    village_factory, client_for
):
    village = village_factory("Jlodro")
    with in_village(village):
        make_news_page("Musyawarah desa", date="2026-11-20")
    own = feedparser.parse(client_for(village.domain).get("/berita/feed/").content)
    portal = feedparser.parse(client_for("localhost").get("/berita-desa/feed/").content)
    [in_village_feed] = [entry for entry in own.entries if entry.title == "Musyawarah desa"]
    [in_portal_feed] = [entry for entry in portal.entries if entry.title == "Musyawarah desa"]
    assert in_village_feed.published == in_portal_feed.published == "2026-11-20T08:00:00+07:00"
