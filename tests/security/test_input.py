"""Input: no query-string value gives a 500 on any public page of a village or the portal, searches
are capped, and the portal's page cache keys only on the parameters its pages read."""

import re
import secrets
from pathlib import Path
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.cache import caches

from villageweb.news.models import CATEGORY_PARAMETER, PAGE_PARAMETER, TAG_PARAMETER
from villageweb.query_params import SEARCH_MAX_LENGTH

from ..factories import fill_demo_content

pytestmark = pytest.mark.django_db

# Every query parameter a public view reads (test_every_parameter_a_view_reads_is_fuzzed keeps this
# list complete).
PARAMETERS = [
    "q",
    "halaman",
    "jenis",
    "tahun",
    "kecamatan",
    "desa",
    "page",
    "page_size",
    "domain",  # Caddy's on-demand TLS question (/_tls/ask)
    "kode",  # /lacak/: a case's tracking code
    "urut",  # /transparansi/: the ranking's sort
    "tampil",  # /transparansi/: what the ranking shows
    "format",  # /transparansi/?format=csv
    "event",  # /layanan/: a life event
    "provider",  # /layanan/: a provider's code
    CATEGORY_PARAMETER,
    TAG_PARAMETER,
    PAGE_PARAMETER,
]
HOSTILE_VALUES = [
    "9" * 40,
    "-1",
    "²",
    "١٢",
    "\x00",
    "abc\x00def",
    "x" * 5000,
    "1e309",
    "' OR 1=1 --",
    "%",
]
EXTRA_PATHS = [
    "/",
    "/cari/",
    "/berita-desa/",
    "/api/v1/berita-desa/",
    "/berita-desa/feed/",
    "/_tls/ask",
    "/lacak/",
    "/transparansi/",
    "/api/v1/transparansi/",
    "/layanan/",
    "/api/v1/layanan/",
]


def _sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    paths = [urlsplit(loc.text).path for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert paths
    return paths


def test_every_parameter_a_view_reads_is_fuzzed():
    source = Path(settings.BASE_DIR)
    read = set()
    for path in [*source.glob("villageweb/**/*.py"), *source.glob("tenants/**/*.py")]:
        read |= set(re.findall(r"request\.GET\.get\(\s*[\"']([^\"']+)[\"']", path.read_text()))
        read |= set(re.findall(r"query_(?:int|text)\(\s*request,\s*[\"']([^\"']+)[\"']", path.read_text()))
    assert read and read <= set(PARAMETERS), read - set(PARAMETERS)


@pytest.mark.heavy
def test_no_query_value_gives_a_500_on_any_public_page(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    fill_demo_content(jlodro)
    failures = []
    for host in (jlodro.domain, settings.VILLAGEWEB_BASE_DOMAIN):
        client = client_for(host, raise_request_exception=False)
        paths = sorted(set(_sitemap_paths(client)) | set(EXTRA_PATHS))
        for path in paths:
            for value in HOSTILE_VALUES:
                query = urlencode({**{name: value for name in PARAMETERS}, value[:50]: value[:50]})
                response = client.get(f"{path}?{query}&%zz=%")
                if response.status_code >= 500:
                    failures.append((host, path, value[:20], response.status_code))
    assert failures == []


def test_long_searches_are_cut_to_the_cap(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    response = client_for(jlodro.domain).get("/cari/", {"q": "a" * 10_000})
    assert response.status_code == 200
    assert len(response.context["query"]) == SEARCH_MAX_LENGTH


def test_a_flood_of_random_query_strings_fills_one_cache_entry(platform, client_for):
    client = client_for(settings.VILLAGEWEB_BASE_DOMAIN)
    for _ in range(100):
        junk = {secrets.token_hex(4): secrets.token_hex(8) for _ in range(3)}
        assert client.get("/berita-desa/", junk).status_code == 200
    # One entry per content version (the key's first part); the page's part is the same for all 100.
    pages = {key.rsplit(":", 1)[1] for key in caches["platform"]._cache if "portal-page:" in key}
    assert len(pages) == 1
    # Same page, parameters in another order or padded: the same entry.
    assert client.get("/berita-desa/", {"halaman": "01"})["X-Portal-Cache"] == "miss"
    assert client.get("/berita-desa/?halaman=1&zz=1")["X-Portal-Cache"] == "hit"


def test_add_domain_refuses_reserved_and_base_domain_names(village_factory):
    from provisioning.services.lifecycle import LifecycleError, village_domain_add

    jlodro = village_factory("Jlodro")
    for domain, reason in (
        ("www.jlodro.desa.id", "dicadangkan"),
        ("mail.jlodro.desa.id", "dicadangkan"),
        ("admin.localhost", "dicadangkan"),
        (settings.VILLAGEWEB_BASE_DOMAIN, "alamat portal"),
        ("a.b.localhost", "satu tingkat"),
    ):
        with pytest.raises(LifecycleError, match=reason):
            village_domain_add(code=jlodro.code, domain=domain, actor="budi")
    assert (
        village_domain_add(code=jlodro.code, domain="jlodro.desa.id", actor="budi").domain == "jlodro.desa.id"
    )


def test_www_variant_of_a_village_host_redirects_to_its_primary_domain(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    response = client_for(f"www.{jlodro.domain}").get("/berita/?halaman=2")
    assert response.status_code == 301
    assert response["Location"] == f"http://{jlodro.domain}/berita/?halaman=2"
    assert client_for(jlodro.domain).get("/").status_code == 200
