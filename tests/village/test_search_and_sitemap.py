"""Citizens find pages with the site search; search engines find every page in the sitemap."""

import pytest

from villageweb.village.models import ContentPage

from ..factories import in_village

pytestmark = pytest.mark.django_db


def _write_history(village, text):
    with in_village(village):
        page = ContentPage.objects.get(slug="sejarah")
        page.intro = text
        page.save_revision().publish()


def test_search_finds_a_page_of_this_village_only(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    _write_history(jlodro, "Mbah Jlodro membuka hutan jati di ujung barat Tuban.")
    _write_history(wangi, "Wangi berasal dari bunga melati yang harum.")
    response = client_for(jlodro.domain).get("/cari/", {"q": "hutan jati"})
    assert response.status_code == 200
    assert "/profil/sejarah/" in response.text
    assert "Sejarah Desa" in response.text
    other = client_for(wangi.domain).get("/cari/", {"q": "hutan jati"})
    assert "Tidak ada halaman yang cocok" in other.text


def test_search_without_query_shows_the_form(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    response = client_for(jlodro.domain).get("/cari/")
    assert response.status_code == 200
    assert 'role="search"' in response.text


def test_sitemap_lists_every_page_type(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    response = client_for(jlodro.domain).get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for path in (
        "/profil/geografis/",
        "/pemerintahan/perangkat-desa/",
        "/produk-hukum/",
        "/potensi/umkm/",
        "/galeri/",
        "/layanan/",
        "/kontak/",
        "/informasi-publik/",
    ):
        assert f"http://{jlodro.domain}{path}" in body, path
    robots = client_for(jlodro.domain).get("/robots.txt")
    assert f"Sitemap: http://{jlodro.domain}/sitemap.xml" in robots.text


def test_search_sends_the_citizen_on_to_the_regency_service_catalogue(village_factory, client_for):
    """No wrong door: a service is searched for where the citizen happens to be."""
    from django.conf import settings

    from tenants.models import site_url

    jlodro = village_factory("Jlodro")
    text = client_for(jlodro.domain).get("/cari/", {"q": "akta kelahiran"}).text
    assert "Tidak ada halaman yang cocok" in text
    link = f'href="{site_url(settings.VILLAGEWEB_BASE_DOMAIN)}/layanan/?q=akta+kelahiran"'
    assert link in text
    assert "/layanan/?q=" not in client_for(jlodro.domain).get("/cari/").text
