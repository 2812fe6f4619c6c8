"""Absolute links follow the address the site is served at (issue #27 item 14): Wagtail's Sites are
made with port 80, which made the sitemap's <loc> and "Lihat berita" drop the port in development and
say http behind HTTPS."""

import pytest

from ..factories import in_village, make_news_page

pytestmark = pytest.mark.django_db


def test_links_without_a_request_use_the_configured_scheme_and_port(village_factory, settings):
    settings.VILLAGEWEB_URL_SCHEME, settings.VILLAGEWEB_URL_PORT = "https", 443
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        page = make_news_page("Musyawarah desa")
        assert page.full_url == f"https://{jlodro.domain}/berita/musyawarah-desa/"
        settings.VILLAGEWEB_URL_SCHEME, settings.VILLAGEWEB_URL_PORT = "http", 8820
        assert page.full_url == f"http://{jlodro.domain}:8820/berita/musyawarah-desa/"


def test_the_sitemap_follows_the_request_port_and_scheme(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Musyawarah desa")
    sitemap = client_for(f"{jlodro.domain}:8108").get("/sitemap.xml").text
    assert f"<loc>http://{jlodro.domain}:8108/berita/musyawarah-desa/</loc>" in sitemap
    secure = client_for(jlodro.domain).get("/sitemap.xml", secure=True).text
    assert f"<loc>https://{jlodro.domain}/berita/musyawarah-desa/</loc>" in secure
    portal = client_for("localhost:8108").get("/sitemap.xml").text
    assert "<loc>http://localhost:8108/berita-desa/</loc>" in portal
