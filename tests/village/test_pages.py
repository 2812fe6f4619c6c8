"""Every village page type renders for a citizen with its content, and opens in the admin editor."""

import pytest
from django.db import connection, transaction
from wagtail.models import Page

from villageweb.services.local.demo import regency_templates_fill
from villageweb.village.models import ContentPage, GalleryAlbumPage, ServicePage

from ..conftest import platform_setup
from ..factories import fill_demo_content, in_village, login_as, make_village

pytestmark = pytest.mark.django_db

# path -> text a citizen must find there (from the Kaliuntu demo content)
PAGES = {
    "/": ["Sambutan Kepala Desa", "Moh. Syaifuddin", "Surat Keterangan Domisili", "081234560100"],
    "/profil/": ["Profil Desa", "Sejarah Desa", "Kecamatan Jenu"],
    "/profil/sejarah/": ["pohon untu-untu", "sedekah laut"],
    "/profil/visi-misi/": ["berbasis potensi pesisir", "<ol>"],
    "/profil/geografis/": [
        "3,42 km²",
        "Laut Jawa",
        "2.314 jiwa",
        "4.705 jiwa",
        "1.478 KK",
        "openstreetmap.org/?mlat=-6.812400",
    ],
    "/pemerintahan/perangkat-desa/": ["Ahmad Khoirul Anam", "Sekretaris Desa", "Kaur Keuangan", "sotk-tree"],
    "/pemerintahan/bpd/": ["H. Abdul Rochim", "Ketua BPD"],
    "/pemerintahan/lembaga/": ["Tim Penggerak PKK", "Karang Taruna"],
    "/produk-hukum/": ["Peraturan Desa", "Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2026"],
    "/informasi-publik/": [
        "secara berkala",
        "serta-merta",
        "setiap saat",
        "Daftar aset dan inventaris desa",
        "Pejabat/unit yang menguasai informasi",
        "Jangka waktu penyimpanan",
        "Sekretaris Desa",
    ],
    "/potensi/": ["nelayan", "UMKM dan Produk Desa"],
    "/potensi/umkm/": ["Ikan asin teri nasi", "Rp85.000", "https://wa.me/6281234560101?text="],
    "/galeri/": ["Kerja bakti bersih desa"],
    "/galeri/kerja-bakti-bersih-desa/": [
        "Warga RT 01 membersihkan saluran air",
        "srcset=",
        'loading="lazy"',
        ".webp",
    ],
    "/layanan/": ["Surat Keterangan Domisili", "Peminjaman Balai Pertemuan"],
    "/layanan/surat-pengantar-skck/": ["Pas foto berwarna 4x6", "1 hari kerja", "Gratis", "<ol>"],
    "/kontak/": ["Jl. Raya Tuban", "Formulir pengaduan dan permohonan informasi", "Permohonan informasi"],
}


@pytest.fixture(scope="module")
def kaliuntu(django_db_setup, django_db_blocker):
    """One demo-filled Kaliuntu for this module (provisioning and filling it costs 3-7 s; the tests
    only read it, and what they write is undone with their own savepoint). It is built inside a
    transaction that stays open around the module's tests and is rolled back after the last one."""
    with django_db_blocker.unblock(), transaction.atomic():
        platform_setup()
        regency_templates_fill()  # the regency's village services, on the village's /layanan/
        village = make_village("Kaliuntu", district_name="Jenu")
        fill_demo_content(village)
        yield village
        connection.set_schema_to_public()
        transaction.set_rollback(True)


def test_citizen_sees_each_page_with_its_content(kaliuntu, client_for):
    # One village for all paths: provisioning and filling it is the slow part.
    client = client_for(kaliuntu.domain)
    missing = []
    for path, texts in PAGES.items():
        response = client.get(path)
        assert response.status_code == 200, path
        expected = texts + [
            'aria-label="Menu utama"',
            '<meta property="og:title"',
            '<meta name="description"',
        ]
        if path != "/":
            expected.append('aria-label="Remah roti"')
        missing += [(path, text) for text in expected if text not in response.text]
    assert missing == []


def test_org_chart_nests_staff_under_their_superior(kaliuntu, client_for):
    html = client_for(kaliuntu.domain).get("/pemerintahan/perangkat-desa/").text
    chart = html[html.index("sotk-tree") : html.index("Daftar perangkat desa")]
    head, secretary, finance = (chart.index(t) for t in ("Kepala Desa", "Sekretaris Desa", "Kaur Keuangan"))
    assert head < secretary < finance
    # Kaur Keuangan sits inside the Sekretaris Desa's list, one level deeper than the secretary.
    assert chart[:finance].count("<ul>") > chart[:secretary].count("<ul>")


def test_empty_template_pages_tell_citizens_content_is_coming(village_factory, client_for):
    village = village_factory("Kosong")
    response = client_for(village.domain).get("/profil/sejarah/")
    assert response.status_code == 200
    assert "sedang disiapkan" in response.text
    assert "Ceritakan asal-usul" not in response.text  # guidance is for the editor only


def test_legal_products_filter_by_type_and_year(kaliuntu, client_for):
    client = client_for(kaliuntu.domain)
    perkades = client.get("/produk-hukum/?jenis=perkades").text
    assert "Penjabaran Anggaran" in perkades and "Pembentukan Tim Pelaksana" not in perkades
    year_2025 = client.get("/produk-hukum/?tahun=2025").text
    assert "Rencana Kerja Pemerintah Desa" in year_2025 and "Penjabaran Anggaran" not in year_2025
    assert client.get("/produk-hukum/?jenis=xx&tahun=abc").status_code == 200


def test_village_admin_can_open_every_page_in_the_editor(kaliuntu, client_for):
    client = login_as(client_for(kaliuntu.domain), kaliuntu)
    with in_village(kaliuntu):
        pages = list(Page.objects.filter(depth__gte=2).specific())
    types = {type(page).__name__ for page in pages}
    assert {"HomePage", "ContactPage", "OfficialsPage", "GeographyPage", "UmkmPage"} <= types
    assert {ContentPage.__name__, GalleryAlbumPage.__name__, ServicePage.__name__} <= types
    for page in pages:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, f"{type(page).__name__} edit view failed"
    guided = next(p for p in pages if p.slug == "sejarah")
    assert "Ceritakan asal-usul" in client.get(f"/admin/pages/{guided.pk}/edit/").text


def test_village_admin_sees_snippets_and_completeness_panel(kaliuntu, client_for):
    client = login_as(client_for(kaliuntu.domain), kaliuntu)
    assert client.get("/admin/snippets/village/legalproduct/").status_code == 200
    assert client.get("/admin/snippets/village/publicinformation/").status_code == 200
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Kelengkapan Situs" in dashboard.text


def test_village_snippet_menus_appear_in_villages_not_in_the_portal_admin(kaliuntu, client_for):
    from django.contrib.auth import get_user_model
    from django_tenants.utils import schema_context

    village_admin = login_as(client_for(kaliuntu.domain), kaliuntu)
    assert "Produk hukum" in village_admin.get("/admin/").text
    with schema_context("public"):
        get_user_model().objects.create_superuser("staf", "staf@tubankab.go.id", "Rahasia-Portal-2026")
    portal = client_for("localhost")
    assert (
        portal.post("/admin/login/", {"username": "staf", "password": "Rahasia-Portal-2026"}).status_code
        == 302
    )
    dashboard = portal.get("/admin/")
    assert dashboard.status_code == 200
    assert "Produk hukum" not in dashboard.text
    assert "Kelengkapan Situs" not in dashboard.text
