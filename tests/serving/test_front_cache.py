"""Through a real Varnish with the project's VCL: what is cached, under which host, and that a change
is visible on the very next request after the publishing code returns."""

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from provisioning.services.lifecycle import village_resume, village_suspend
from tests.factories import in_village, make_news_page
from villageweb.village.models import HomePage

# A real-stack suite (varnishd): `bash bin/test --stack` and .ci/run.
pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]


def _twice(front, host, path="/", **kwargs):
    return front.request(host, path, **kwargs), front.request(host, path, **kwargs)


def test_every_answer_says_hit_or_miss_and_a_second_anonymous_get_is_a_hit(
    front, transactional_village_factory
):
    village = transactional_village_factory("Kaliuntu")
    first, second = _twice(front, village.domain)
    assert first.status == 200 and first.cache == "MISS"
    assert second.status == 200 and second.cache == "HIT"
    assert "Kaliuntu" in second.body
    assert front.request("tidak-ada.localhost").headers["x-cache"] in ("HIT", "MISS")
    assert front.request(village.domain, method="BAN", headers={"X-Ban-Hosts": "^x$"}).cache == "MISS"


def test_a_published_news_item_is_on_the_next_request_of_its_village_and_the_portal(
    front, transactional_village_factory
):
    village = transactional_village_factory("Tasikmadu")
    _twice(front, village.domain, "/berita/")
    _twice(front, "localhost", "/")
    assert front.request(village.domain, "/berita/").cache == "HIT"

    with in_village(village):
        make_news_page("Panen raya jagung di Tasikmadu")
    connection.set_schema_to_public()

    news = front.request(village.domain, "/berita/")
    assert news.cache == "MISS" and "Panen raya jagung di Tasikmadu" in news.body
    assert front.request(village.domain, "/berita/").cache == "HIT"
    assert front.request("localhost", "/").cache == "MISS"


def test_editing_and_publishing_the_home_page_shows_at_once_while_a_draft_changes_nothing(
    front, transactional_village_factory
):
    village = transactional_village_factory("Jlodro")
    _twice(front, village.domain)
    with in_village(village):
        home = HomePage.objects.get()
        home.title = "Judul draf yang belum terbit"
        home.save_revision()
    connection.set_schema_to_public()
    draft = front.request(village.domain)
    assert draft.cache == "HIT" and "Judul draf yang belum terbit" not in draft.body

    with in_village(village):
        home = HomePage.objects.get()
        home.title = "Selamat datang di Desa Jlodro yang baru"
        home.save_revision().publish()
    connection.set_schema_to_public()
    fresh = front.request(village.domain)
    assert fresh.cache == "MISS" and "Selamat datang di Desa Jlodro yang baru" in fresh.body


def test_a_village_page_is_never_served_under_another_host(front, transactional_village_factory):
    one = transactional_village_factory("Kaliuntu")
    other = transactional_village_factory("Kutorejo")
    _twice(front, one.domain)
    answer = front.request(other.domain)
    assert answer.cache == "MISS" and "Kutorejo" in answer.body and "Kaliuntu" not in answer.body
    # The same host written differently is the same site and the same cached copy.
    same = front.request(one.domain.upper() + ".")
    assert same.cache == "HIT" and "Kaliuntu" in same.body


def test_publishing_in_one_village_leaves_the_other_villages_cached(front, transactional_village_factory):
    one = transactional_village_factory("Kaliuntu")
    other = transactional_village_factory("Kutorejo")
    _twice(front, one.domain)
    _twice(front, other.domain)
    with in_village(one):
        make_news_page("Berita hanya untuk Kaliuntu")
    connection.set_schema_to_public()
    assert front.request(one.domain).cache == "MISS"
    assert front.request(other.domain).cache == "HIT"


def test_session_cookie_admin_post_and_forms_are_never_cached(front, transactional_village_factory):
    village = transactional_village_factory("Kaliuntu")
    host = village.domain
    for path in ("/admin/login/", "/admin/"):
        assert [answer.cache for answer in _twice(front, host, path)] == ["MISS", "MISS"]
    # A well-formed session key (the shape Django gives them) always reaches the application.
    with_session = _twice(front, host, headers={"Cookie": "sessionid=" + "k3x9" * 8})
    assert [answer.cache for answer in with_session] == ["MISS", "MISS"]
    # The anonymous copy is untouched by the logged-in requests and still made once.
    assert [answer.cache for answer in _twice(front, host)] == ["MISS", "HIT"]
    posts = _twice(front, host, "/kontak/", method="POST", body="nama=x")
    assert [answer.cache for answer in posts] == ["MISS", "MISS"]
    contact = _twice(front, host, "/kontak/")
    assert contact[0].status == 200 and "csrfmiddlewaretoken" in contact[0].body
    assert "private" in contact[0].headers["cache-control"]
    assert [answer.cache for answer in contact] == ["MISS", "MISS"]


def test_a_page_under_a_view_restriction_is_never_cached(front, transactional_village_factory):
    village = transactional_village_factory("Kaliuntu")
    with in_village(village):
        page = make_news_page("Rapat internal perangkat desa")
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="rahasia")
        path = page.url
    connection.set_schema_to_public()
    answers = _twice(front, village.domain, path)
    assert [answer.cache for answer in answers] == ["MISS", "MISS"]
    assert "Rapat internal perangkat desa" not in answers[1].body.split("<title>")[-1].split("</h1>")[-1]


def test_suspending_and_resuming_a_village_shows_on_the_next_request(front, transactional_village_factory):
    village = transactional_village_factory("Kaliuntu")
    _twice(front, village.domain)
    village_suspend(code=village.code, actor="budi")
    closed = _twice(front, village.domain)
    assert [answer.status for answer in closed] == [503, 503]
    assert closed[0].cache == "MISS"
    village_resume(code=village.code, actor="budi")
    reopened = front.request(village.domain)
    assert reopened.status == 200 and reopened.cache == "MISS"


def test_a_ban_without_its_header_is_a_clear_400(front):
    assert front.request("localhost", method="BAN", port=front.ban_port).status == 400


def test_links_shared_with_tracking_parameters_are_the_one_cached_copy(front, transactional_village_factory):
    village = transactional_village_factory("Kaliuntu")
    _twice(front, village.domain, "/berita/")
    # Every click from Facebook carries its own fbclid; WhatsApp and newsletters add utm_*.
    clicks = [
        front.request(village.domain, "/berita/?fbclid=IwAR0abc123"),
        front.request(village.domain, "/berita/?utm_source=whatsapp&utm_medium=social&fbclid=IwAR0xyz"),
        front.request(village.domain, "/berita/?UTM_Campaign=Panen"),
    ]
    assert [click.cache for click in clicks] == ["HIT", "HIT", "HIT"]
    assert all(click.status == 200 and "Kaliuntu" in click.body for click in clicks)
    # A parameter the page reads still has its copy, whatever tracking stands around it.
    first = front.request(village.domain, "/berita/?utm_source=wa&halaman=2&fbclid=1")
    again = front.request(village.domain, "/berita/?halaman=2&gclid=2")
    assert (first.cache, again.cache) == ("MISS", "HIT")
    assert front.request(village.domain, "/berita/?halaman=3").cache == "MISS"


def test_made_up_parameters_cookies_and_ports_are_served_the_one_cached_copy(
    front, transactional_village_factory
):
    """The attack: `/?x=<random>` or a bogus session cookie made every request a full render
    (2,666 -> 12 req/s under the same load), and `Host: <village>:<any port>` a new cache entry."""
    village = transactional_village_factory("Kaliuntu")
    host = village.domain
    first = _twice(front, host, "/berita/?halaman=1&q=panen")
    assert [answer.cache for answer in first] == ["MISS", "HIT"]
    assert first[0].status == 200 and "Kaliuntu" in first[0].body
    copy = "/berita/?halaman=1&q=panen"
    bogus = [
        front.request(host, "/berita/?q=panen&halaman=1"),  # the same parameters in another order
        front.request(host, "/berita/?x=8f2c1&q=panen&halaman=1&zz=1&halaman=abc"),
        front.request(host, copy, headers={"Cookie": "sessionid=bukan-sesi; pelacak=1"}),
        front.request(host, copy, headers={"Cookie": "messages=palsu"}),
        front.request(f"{host}:1234", copy),
        front.request(f"{host}:80", copy + "&utm_source=wa"),
        front.request(host, copy, headers={"X-Forwarded-Proto": "gopher"}),
    ]
    assert [answer.cache for answer in bogus] == ["HIT"] * len(bogus)
    assert {answer.body for answer in bogus} == {first[0].body}
    # A copy rendered for a made-up port names no port in its links.
    assert ":1234" not in front.request(f"{host}:1234", "/").body
    # What a page reads still has its own copy.
    assert front.request(host, "/berita/?halaman=2&q=panen").cache == "MISS"


def test_transparency_sort_and_csv_survive_the_front_cache(front, transactional_village_factory):
    """/transparansi/ reads `urut` and `format` (villageweb/transparency): the VCL must keep them."""
    transactional_village_factory("Kaliuntu")
    csv_answer = front.request("localhost", "/transparansi/?format=csv&utm_source=wa")
    assert csv_answer.status == 200 and csv_answer.headers["content-type"].startswith("text/csv")
    by_name = front.request("localhost", "/transparansi/?urut=nama")
    assert by_name.status == 200 and 'aria-current="true">Nama' in by_name.body
