"""The portal's page frame (menu, breadcrumbs, branding, announcements, routing) is cached under
the portal's site version (villageweb.freshness.versions.PORTAL_SITE): village news leaves it warm,
any change to it shows at once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from villageweb.freshness.portal_cache import portal_versions

from ..factories import in_village, make_news_page

pytestmark = pytest.mark.django_db


def _get(client_for, path="/berita-desa/"):
    response = client_for("localhost").get(path)
    assert response.status_code == 200, response.status_code
    return response.text


def _warm(client_for, settings, path="/berita-desa/"):
    settings.VILLAGEWEB_PORTAL_CACHED_PATHS = []  # render every time: only the frame is cached
    _get(client_for, path)
    _get(client_for, path)  # the first request on a new portal creates its branding row


def test_village_news_changes_the_content_version_only(village_factory):
    jlodro = village_factory("Jlodro")
    before = portal_versions()
    with in_village(jlodro):
        make_news_page("Panen raya jagung")
    after = portal_versions()
    assert after.content > before.content
    assert after.site == before.site


def test_rendering_after_a_village_publish_reuses_the_frame(village_factory, client_for, settings):
    jlodro = village_factory("Jlodro")
    _warm(client_for, settings)
    with in_village(jlodro):
        make_news_page("Kabar baru dari Jlodro")
    with CaptureQueriesContext(connection) as queries:
        text = _get(client_for)
    assert "Kabar baru dari Jlodro" in text
    # domain, versions (page, frame and village roster keys at once), news listing (+ a search
    # path SET at most): no site, page, view restriction, branding or announcement queries.
    assert len(queries) <= 4, "\n".join(query["sql"][:150] for query in queries)
    assert _version_reads(queries) == 1


def _version_reads(queries) -> int:
    return sum("(count(*), max(id))" in query["sql"] for query in queries)  # portal_cache.portal_versions


@pytest.mark.parametrize(
    "path, lists_latest_news_dates",
    [
        ("/berita-desa/?kecamatan=35.23.03", False),  # the village filter needs just names
        ("/berita-desa/kecamatan/kenduruan/", True),
        ("/", True),  # the home page's village directory
        ("/api/v1/berita-desa/", False),
        ("/berita-desa/feed/", False),
        ("/berita-desa/kecamatan/kenduruan/feed/", False),
    ],
)
def test_every_portal_listing_reads_the_versions_once(
    village_factory, client_for, settings, path, lists_latest_news_dates
):
    jlodro = village_factory("Jlodro", code="35.23.03.2001", district_name="Kenduruan")
    _warm(client_for, settings, path)
    with in_village(jlodro):
        make_news_page("Kabar baru dari Jlodro")
    with CaptureQueriesContext(connection) as queries:
        text = _get(client_for, path)
    assert "Kabar baru dari Jlodro" in text
    assert _version_reads(queries) == 1, "\n".join(query["sql"][:150] for query in queries)
    assert any("unnest" in query["sql"] for query in queries) == lists_latest_news_dates


def test_portal_page_menu_branding_and_announcement_changes_show_at_once(
    village_factory, client_for, settings
):
    from wagtail.models import Page, Site

    from themes.models import VillageBranding
    from villageweb.portal.federation.models import RegencyAnnouncement
    from villageweb.portal.models import PortalHomePage, VillageNewsIndexPage

    village_factory("Jlodro")
    _warm(client_for, settings)

    index = VillageNewsIndexPage.objects.get()
    index.title = "Kabar Seluruh Desa"
    index.save_revision().publish()
    assert "<h1>Kabar Seluruh Desa</h1>" in _get(client_for)

    home = PortalHomePage.objects.get()
    profile = home.add_child(instance=Page(title="Profil Kabupaten", slug="profil", show_in_menus=True))
    profile.save_revision().publish()
    assert 'href="/profil/">Profil Kabupaten</a>' in _get(client_for)

    branding = VillageBranding.for_site(Site.objects.get(is_default_site=True))
    branding.footer_text = "Dikelola Diskominfo Tuban"
    branding.save()
    assert "Dikelola Diskominfo Tuban" in _get(client_for)

    today = datetime.date.today()
    RegencyAnnouncement.objects.create(
        title="Vaksinasi massal", body="<p>Di puskesmas.</p>", start_date=today, end_date=today
    )
    assert "Vaksinasi massal" in _get(client_for)


def test_a_view_restriction_on_a_portal_page_applies_at_once(village_factory, client_for, settings):
    from wagtail.models import PageViewRestriction

    from villageweb.portal.models import VillageNewsIndexPage

    village_factory("Jlodro")
    settings.VILLAGEWEB_PORTAL_CACHED_PATHS = ["/berita-desa/"]  # the whole-page cache too
    _get(client_for)
    _get(client_for)
    PageViewRestriction.objects.create(
        page=VillageNewsIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN
    )
    response = client_for("localhost").get("/berita-desa/")
    assert response.status_code == 302
    assert "next=/berita-desa/" in response["Location"]


def test_an_unknown_portal_path_is_a_404_from_the_cache_too(village_factory, client_for, settings):
    village_factory("Jlodro")
    _warm(client_for, settings)
    for _ in range(2):
        assert client_for("localhost").get("/tidak-ada/").status_code == 404
