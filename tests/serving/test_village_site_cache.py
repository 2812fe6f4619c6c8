"""A village's pages share their frame and home sections (menu, branding, footer, regency
announcements, latest news, agenda, APBDes) through the site cache, keyed on the village's content
version and the platform's (villageweb.freshness.site_cache): a warm home page costs a few queries, and every
publish, branding save or regency announcement shows on the very next request."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from tenants.models import ContentVersion
from villageweb.freshness import site_cache
from villageweb.portal.federation.models import RegencyAnnouncement

from ..factories import fill_demo_content, in_village, login_as, make_event, make_news_page
from ..themes.helpers import branding_set

pytestmark = pytest.mark.django_db

HOME_QUERY_BUDGET = 10  # issue #14


def _home(client_for, village, path="/") -> str:
    response = client_for(village.domain).get(path)
    assert response.status_code == 200, response.status_code
    return response.text


def _version(scope: str) -> int:
    row = ContentVersion.objects.filter(scope=scope).first()
    return row.number if row else 0


def test_warm_village_home_takes_at_most_ten_queries(
    village_factory, client_for, django_assert_max_num_queries
):
    jlodro = village_factory("Jlodro")
    fill_demo_content(jlodro)
    first = _home(client_for, jlodro)
    with django_assert_max_num_queries(HOME_QUERY_BUDGET):
        warm = _home(client_for, jlodro)
    assert warm == first  # the same page, news, agenda, budget and footer, from the cache
    assert "Berita terbaru" in warm and "APBDes" in warm


@pytest.fixture
def frame_cache_calls(monkeypatch):
    """The platform cache's calls that touch a village's frame, as (method, number of keys),
    passed through to the real cache (a backend's get_many may call its own get: not counted)."""
    cache = caches["platform"]
    calls = []
    depth = [0]

    def spy(method):
        original = getattr(cache, method)

        def call(keys, *args, **kwargs):
            names = list(keys) if method.endswith("_many") else [keys]
            if depth[0] == 0 and any(str(name).startswith("village-frame:") for name in names):
                calls.append((method, len(names)))
            depth[0] += 1
            try:
                return original(keys, *args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, method, call)

    for method in ("get", "get_many", "set", "set_many", "add", "get_or_set"):
        spy(method)
    return calls


def test_a_cold_village_home_reads_the_cache_once_and_writes_it_once(
    village_factory, client_for, frame_cache_calls
):
    jlodro = village_factory("Jlodro")
    fill_demo_content(jlodro)
    caches["platform"].clear()
    cold = _home(client_for, jlodro)
    # The frame, the home's own pieces and the page kept whole: one read, one write.
    assert frame_cache_calls == [("get_many", 3), ("set_many", 3)]
    frame_cache_calls.clear()
    assert _home(client_for, jlodro) == cold
    assert frame_cache_calls == [("get_many", 3)]
    frame_cache_calls.clear()
    assert "Berita" in _home(client_for, jlodro, "/berita/")
    assert frame_cache_calls == [("get_many", 3), ("set_many", 3)]  # its route, breadcrumbs and page


def test_an_editor_request_does_not_download_the_page_kept_whole(
    village_factory, client_for, frame_cache_calls
):
    jlodro = village_factory("Jlodro")
    editor = login_as(client_for(jlodro.domain), jlodro)
    _home(client_for, jlodro)  # keeps the home whole
    frame_cache_calls.clear()
    assert editor.get("/").status_code == 200
    assert frame_cache_calls[0] == ("get_many", 2)  # the frame and the page's pieces only


def test_a_publish_shows_at_once_in_the_cached_home_and_menu(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    _home(client_for, jlodro)
    today = timezone.localdate()
    news = make_news_page("Panen raya jagung di Jlodro", date=today, village=jlodro)
    assert "Panen raya jagung di Jlodro" in _home(client_for, jlodro)

    with in_village(jlodro):
        home = Page.objects.get(depth=2)
        page = home.add_child(instance=Page(title="Wisata Embung", slug="wisata-embung", show_in_menus=True))
        page.save_revision().publish()
    connection.set_schema_to_public()
    assert "Wisata Embung" in _home(client_for, jlodro)
    assert _home(client_for, jlodro, "/wisata-embung/")

    with in_village(jlodro):
        Page.objects.get(pk=news.pk).specific.unpublish()
        Page.objects.get(pk=page.pk).move(Page.objects.get(slug="berita"), pos="last-child")
    connection.set_schema_to_public()
    text = _home(client_for, jlodro)
    assert "Panen raya jagung di Jlodro" not in text
    assert "Wisata Embung" not in text
    moved = client_for(jlodro.domain).get("/wisata-embung/")  # not the cached page: Wagtail's redirect
    assert (moved.status_code, moved["Location"]) == (301, "/berita/wisata-embung/")


def test_a_branding_change_shows_at_once_in_the_footer(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    _home(client_for, jlodro)
    branding_set(jlodro, address="Jl. Balai Desa 7, Jlodro")
    assert "Jl. Balai Desa 7, Jlodro" in _home(client_for, jlodro)


def test_a_regency_announcement_shows_at_once_in_every_village(village_factory, client_for):
    jlodro, sumurgung = village_factory("Jlodro"), village_factory("Sumurgung")
    for village in (jlodro, sumurgung):
        _home(client_for, village, "/berita/")
    today = timezone.localdate()
    RegencyAnnouncement.objects.create(
        title="Vaksinasi massal di kecamatan",
        body="<p>Datang ke puskesmas.</p>",
        start_date=today,
        end_date=today,
    )
    for village in (jlodro, sumurgung):
        assert "Vaksinasi massal di kecamatan" in _home(client_for, village, "/berita/")


def test_an_event_that_ended_an_hour_ago_leaves_the_cached_agenda(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    now = timezone.now()
    with in_village(jlodro):
        make_event("Rapat yang sudah usai", start=now - datetime.timedelta(hours=3), hours=2)
        make_event("Posyandu balita", start=now + datetime.timedelta(days=2))
    connection.set_schema_to_public()
    text = _home(client_for, jlodro)
    assert "Posyandu balita" in text
    assert "Rapat yang sudah usai" not in text


def test_a_draft_leaves_the_version_alone_and_a_rolled_back_savepoint_raises_it_again(village_factory):
    jlodro = village_factory("Jlodro")
    news = make_news_page("Kabar pertama", village=jlodro)
    published = _version(jlodro.schema)
    with in_village(jlodro):
        page = Page.objects.get(pk=news.pk).specific
        page.title = "Kabar pertama (draf)"
        page.save_revision()
    assert _version(jlodro.schema) == published

    with in_village(jlodro):
        try:
            with transaction.atomic():
                make_news_page("Kabar yang dibatalkan")
                raise RuntimeError("editor cancelled")
        except RuntimeError:
            pass
        assert _version(jlodro.schema) == published  # the raise was undone with the page
        make_news_page("Kabar kedua")
    assert _version(jlodro.schema) > published


def test_a_new_village_raises_its_own_version_not_the_platform_one(village_factory):
    before = _version(ContentVersion.PLATFORM)
    jlodro = village_factory("Jlodro")
    assert _version(jlodro.schema) > 0
    assert _version(ContentVersion.PLATFORM) == before


def test_a_warm_news_index_reads_no_site_page_or_frame_queries(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    make_news_page("Kabar dari balai desa", village=jlodro)
    _home(client_for, jlodro, "/berita/")
    with CaptureQueriesContext(connection) as queries:
        assert "Kabar dari balai desa" in _home(client_for, jlodro, "/berita/")
    tables = " ".join(query["sql"] for query in queries)
    for frame_table in ("wagtailcore_site", "themes_villagebranding", "federation_regencyannouncement"):
        assert frame_table not in tables
    assert "wagtailcore_pageviewrestriction" not in tables


def _get(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response


def test_a_second_anonymous_visit_gets_the_whole_page_from_the_site_cache(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    fill_demo_content(jlodro)
    first = _get(client_for(jlodro.domain))
    assert first["X-Site-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = _get(client_for(jlodro.domain))
    assert again["X-Site-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    # Only the search path and the domain lookup (with the versions): no routing, no rendering.
    assert len(queries) <= 2, [query["sql"][:80] for query in queries]
    assert client_for(jlodro.domain).head("/")["X-Site-Cache"] == "miss"  # HEAD is kept on its own


def test_a_publish_replaces_the_kept_page_at_once(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    _get(client_for(jlodro.domain))
    assert _get(client_for(jlodro.domain))["X-Site-Cache"] == "hit"
    make_news_page("Panen raya jagung di Jlodro", date=timezone.localdate(), village=jlodro)
    fresh = _get(client_for(jlodro.domain))
    assert fresh["X-Site-Cache"] == "miss"
    assert "Panen raya jagung di Jlodro" in fresh.text


def test_a_kept_page_is_dropped_after_its_time(village_factory, client_for, monkeypatch, settings):
    jlodro = village_factory("Jlodro")
    _get(client_for(jlodro.domain))
    now = site_cache.time.time()
    monkeypatch.setattr(
        site_cache.time, "time", lambda: now + settings.VILLAGEWEB_VILLAGE_PAGE_CACHE_SECONDS + 1
    )
    assert _get(client_for(jlodro.domain))["X-Site-Cache"] == "miss"
    settings.VILLAGEWEB_VILLAGE_PAGE_CACHE_SECONDS = 0
    response = _get(client_for(jlodro.domain))
    assert not response.has_header("X-Site-Cache")  # switched off: rendered every time


def test_forms_logged_in_users_and_query_strings_are_never_kept_whole(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    contact = client_for(jlodro.domain)
    for _ in range(2):
        response = _get(contact, "/kontak/")  # a CSRF token: the visitor's own
        assert not response.has_header("X-Site-Cache")
        assert "csrfmiddlewaretoken" in response.text
    for _ in range(2):
        assert not _get(client_for(jlodro.domain), "/?utm_source=wa").has_header("X-Site-Cache")

    editor = login_as(client_for(jlodro.domain), jlodro)
    for _ in range(2):
        assert not _get(editor).has_header("X-Site-Cache")  # a session: never read, never kept
    anonymous = _get(client_for(jlodro.domain))
    assert anonymous["X-Site-Cache"] == "miss"  # nothing the editor saw was kept
    assert not _get(editor).has_header("X-Site-Cache")  # and the anonymous copy is not the editor's
