"""The portal's one channel (#29): every provider's service pages in one catalogue, found by
Indonesian search, browsed by life event and provider, read by other systems through the API and
the exports, each start page with its components, GovernmentService JSON-LD, "Mulai" and feedback."""

import copy
import csv
import datetime
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction

from provisioning.jobs.reminders import village_reminder_build
from provisioning.jobs.tasks import catalogue_links_check
from villageweb.services.demo import provider_services_fill
from villageweb.services.linkcheck import link_check
from villageweb.services.local.demo import regency_templates_fill
from villageweb.services.models import Application, CatalogueService, ServiceFeedback
from villageweb.services.services import links_check
from villageweb.village.models import ServiceIndexPage, ServicePage

from ..conftest import platform_setup
from ..factories import (
    fill_demo_content,
    in_village,
    login_as,
    make_diskominfo_staff,
    make_village,
    village_of,
)
from .conftest import Links

pytestmark = pytest.mark.django_db

API_ITEM_KEYS = {
    "name",
    "slug",
    "url",
    "provider",
    "requirements",
    "procedure",
    "duration",
    "cost",
    "output",
    "legal_basis",
    "complaints",
    "channels",
    "life_events",
    "reviewed_at",
    "updated_at",
}


@pytest.fixture(scope="module")
def providers(django_db_setup, django_db_blocker):
    """Dispendukcapil, DPMPTSP, Kecamatan Jenu and Desa Kaliuntu with their demo services (and the
    regency's village services), built once for the module in a transaction rolled back after it
    (each test runs in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        platform_setup()
        regency_templates_fill()
        built = {
            "dukcapil": make_village(
                "Dinas Kependudukan dan Pencatatan Sipil", code="OPD.DUKCAPIL", kind="opd"
            ),
            "dpmptsp": make_village("DPMPTSP", code="OPD.DPMPTSP", kind="opd"),
            "jenu": make_village("Jenu", code="35.23.12", kind="kecamatan"),
            "kaliuntu": make_village("Kaliuntu", code="35.23.12.2014", district_name="Jenu"),
        }
        for key in ("dukcapil", "dpmptsp", "jenu"):
            with in_village(built[key]):
                provider_services_fill(village=village_of(built[key]))
            connection.set_schema_to_public()
        fill_demo_content(built["kaliuntu"])
        yield built
        connection.set_schema_to_public()
        transaction.set_rollback(True)


def portal_names(client, query: str, **filters) -> list[str]:
    page = client.get("/layanan/", {"q": query, **filters})
    assert page.status_code == 200
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', page.text)


def test_citizen_finds_the_right_service_in_one_search(providers, client_for):
    portal = client_for("localhost")
    assert portal_names(portal, "akta kelahiran")[0] == "Akta Kelahiran"
    assert portal_names(portal, "izin usaha")[0] == "Nomor Induk Berusaha (NIB) untuk Usaha Mikro dan Kecil"
    assert portal_names(portal, "surat pindah")[0] == "Surat Keterangan Pindah (SKPWNI)"
    assert "Akta Kelahiran" in portal_names(portal, "lahir")  # the stemmer: kelahiran -> lahir
    assert portal_names(portal, "kapal selam") == []


def test_catalogue_browses_by_life_event_and_provider(providers, client_for):
    portal = client_for("localhost")
    births = portal.get("/layanan/", {"event": "kelahiran"}).text
    assert "Akta Kelahiran" in births and "Nomor Induk Berusaha" not in births
    business = portal.get("/layanan/", {"provider": "OPD.DPMPTSP"}).text
    assert "Persetujuan Bangunan Gedung" in business and "Akta Kelahiran" not in business
    whole = portal.get("/layanan/").text
    for provider in ("Dinas Kependudukan dan Pencatatan Sipil", "Kecamatan Jenu", "Desa Kaliuntu"):
        assert provider in whole
    assert 'href="http://dukcapil.localhost/layanan/akta-kelahiran/"' in whole
    assert "Surat Keterangan Domisili" in whole  # the village's services are in the catalogue too
    assert "Peminjaman Balai Pertemuan" in whole


def test_api_items_have_the_contract_fields(providers, client_for):
    answer = client_for("localhost").get("/api/v1/layanan/", {"q": "akta kelahiran", "page_size": 1})
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) >= {"page", "page_size", "next", "items"} and body["page"] == 1
    item = body["items"][0]
    assert set(item) == API_ITEM_KEYS
    assert (
        item["name"] == "Akta Kelahiran"
        and item["url"] == "http://dukcapil.localhost/layanan/akta-kelahiran/"
    )
    assert item["provider"] == {
        "kind": "opd",
        "code": "OPD.DUKCAPIL",
        "name": "Dinas Kependudukan dan Pencatatan Sipil",
        "url": "http://dukcapil.localhost/",
    }
    assert item["cost"].startswith("Gratis")
    assert any("Peraturan Presiden Nomor 96 Tahun 2018" in law for law in item["legal_basis"])
    assert item["life_events"] == ["kelahiran"]
    kinds = [channel["kind"] for channel in item["channels"]]
    assert kinds == ["location", "phone", "whatsapp"]  # no online channel: no real address is known
    location = item["channels"][0]
    assert location["address"].startswith("Mal Pelayanan Publik") and location["hours"].startswith("Senin")
    assert "page=2" in body["next"]  # the villages' birth letters match too, after the OPD's service
    first = client_for("localhost").get("/api/v1/layanan/", {"page_size": 1}).json()
    assert "page=2" in first["next"] and len(first["items"]) == 1


def test_api_filters_and_refuses_bad_parameters(providers, client_for):
    client = client_for("localhost")
    kecamatan = client.get("/api/v1/layanan/", {"provider": "35.23.12"}).json()["items"]
    assert {item["provider"]["kind"] for item in kecamatan} == {"kecamatan"}
    deaths = client.get("/api/v1/layanan/", {"event": "kematian"}).json()["items"]
    assert {item["name"] for item in deaths} >= {"Akta Kematian", "Legalisasi Surat Keterangan Ahli Waris"}
    for bad in ({"page": 0}, {"page_size": 1000}, {"event": "liburan"}, {"page": "satu"}):
        answer = client.get("/api/v1/layanan/", bad)
        assert answer.status_code == 422, bad
        assert answer.json()["detail"] == "Parameter tidak valid."
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/layanan/" in schema["paths"] and "/api/v1/berita-desa/" in schema["paths"]


def test_start_page_has_components_jsonld_and_the_start_button(providers, client_for):
    page = client_for("dukcapil.localhost").get("/layanan/akta-kelahiran/")
    assert page.status_code == 200
    for text in (
        "Persyaratan",
        "Alur pelayanan",
        "Biaya",
        "Gratis",
        "Produk layanan",
        "Dasar hukum",
        "Senin–Jumat, 08.00–15.00 WIB",
        "Pengaduan",
        "Apakah halaman ini membantu?",
    ):
        assert text in page.text, text
    assert "button-start" not in page.text  # the demo names no application it cannot vouch for
    business = client_for("dpmptsp.localhost").get("/layanan/nomor-induk-berusaha/").text
    assert (
        'href="https://oss.go.id/"' in business and ">Mulai di OSS (Online Single Submission)</a>" in business
    )
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.text, re.S)
    services = [data for data in map(json.loads, blocks) if data.get("@type") == "GovernmentService"]
    assert len(services) == 1
    service = services[0]
    assert service["provider"]["name"] == "Dinas Kependudukan dan Pencatatan Sipil"
    assert service["serviceType"] == "Kutipan Akta Kelahiran dan Kartu Keluarga terbaru"
    assert service["areaServed"]["name"] == "Kabupaten Tuban"
    assert service["availableChannel"][0]["serviceLocation"]["address"].startswith("Mal Pelayanan Publik")


def test_a_change_is_on_the_portal_at_once_and_a_withdrawal_too(providers, client_for):
    portal = client_for("localhost")
    portal.get(
        "/layanan/", {"q": "ahli waris", "provider": "35.23.12"}
    )  # a fresh database's first request may create settings
    assert portal_names(portal, "ahli waris", provider="35.23.12") == [
        "Legalisasi Surat Keterangan Ahli Waris"
    ]
    assert portal.get("/layanan/", {"q": "ahli waris", "provider": "35.23.12"})["X-Portal-Cache"] == "hit"
    with in_village(providers["jenu"]):
        page = ServicePage.objects.get(slug="legalisasi-surat-keterangan-ahli-waris")
        page.title = "Pengesahan Surat Keterangan Ahli Waris"
        page.save_revision().publish()
    connection.set_schema_to_public()
    assert portal_names(portal, "ahli waris", provider="35.23.12") == [
        "Pengesahan Surat Keterangan Ahli Waris"
    ]
    with in_village(providers["jenu"]):
        ServicePage.objects.get(slug="legalisasi-surat-keterangan-ahli-waris").unpublish()
    connection.set_schema_to_public()
    assert portal_names(portal, "ahli waris", provider="35.23.12") == []


def test_feedback_counts_answers_without_personal_data_and_throttles(providers, client_for):
    with in_village(providers["dukcapil"]):
        page_id = ServicePage.objects.get(slug="akta-kematian").pk
    connection.set_schema_to_public()
    client = client_for("dukcapil.localhost", REMOTE_ADDR="203.0.113.7")
    answer = client.post(f"/layanan-umpan-balik/{page_id}/", {"membantu": "tidak"})
    assert answer.status_code == 200 and "Terima kasih" in answer.text
    assert answer["Cache-Control"] == "private, no-store"
    again = client.post(f"/layanan-umpan-balik/{page_id}/", {"membantu": "tidak"})
    assert again.status_code == 200
    rows = list(ServiceFeedback.objects.filter(service__name="Akta Kematian").values())
    assert len(rows) == 1 and rows[0]["helpful"] is False
    assert set(rows[0]) == {"id", "service_id", "helpful", "created_at"}
    assert client.post(f"/layanan-umpan-balik/{page_id}/", {"membantu": "mungkin"}).status_code == 400
    # Another provider's page id is not this host's service.
    assert (
        client_for("dpmptsp.localhost")
        .post(f"/layanan-umpan-balik/{page_id}/", {"membantu": "ya"})
        .status_code
        == 404
    )


def test_exports_cpsv_ap_and_csv(providers, client_for):
    portal = client_for("localhost")
    listed = CatalogueService.objects.count()
    document = portal.get("/layanan/ekspor/cpsv-ap.jsonld")
    assert document["Content-Type"].startswith("application/ld+json")
    graph = json.loads(document.content)["@graph"]
    assert len(graph) == listed
    birth = next(node for node in graph if node["name"]["@value"] == "Akta Kelahiran")
    assert birth["@type"] == "PublicService" and birth["hasCompetentAuthority"]["prefLabel"].startswith(
        "Dinas"
    )
    rows = list(
        csv.reader(io.StringIO(portal.get("/layanan/ekspor/katalog-layanan.csv").content.decode("utf-8-sig")))
    )
    assert rows[0][:3] == ["nama_layanan", "penyelenggara", "jenis_penyelenggara"] and len(rows) == listed + 1


def test_bad_service_input_gets_indonesian_messages(providers):
    with in_village(providers["dpmptsp"]):
        index = ServiceIndexPage.objects.get()
        page = ServicePage(
            title="Izin Reklame", slug="nomor-induk-berusaha", online_url="ftp://contoh.go.id/", whatsapp="12"
        )
        with pytest.raises(ValidationError) as caught:
            page.full_clean()
        errors = caught.value.message_dict
        assert errors["online_url"] == ["Tautan harus alamat web lengkap yang diawali http:// atau https://."]
        assert errors["whatsapp"] == ["Nomor WhatsApp harus nomor ponsel Indonesia, misalnya 0812-3456-7890."]
        with pytest.raises(ValidationError) as caught:
            index.add_child(instance=ServicePage(title="Izin Lagi", slug="nomor-induk-berusaha"))
        assert "slug" in caught.value.message_dict
    connection.set_schema_to_public()
    with pytest.raises(ValidationError) as caught:  # on the portal: no provider
        ServicePage(title="Layanan tanpa penyelenggara", slug="tanpa").full_clean()
    assert "penyelenggara" in caught.value.message_dict["title"][0]


def test_resync_rebuilds_a_providers_rows(providers):
    dpmptsp = village_of(providers["dpmptsp"])
    CatalogueService.objects.filter(provider=dpmptsp).delete()
    out = io.StringIO()
    call_command("resync_catalogue", "--provider", "OPD.DPMPTSP", stdout=out)
    assert "OPD.DPMPTSP" in out.getvalue() and CatalogueService.objects.filter(provider=dpmptsp).count() == 2


def test_daily_link_check_marks_a_dead_link_unavailable_until_it_works(providers, client_for, link_server):
    CatalogueService.objects.exclude(online_url="").update(online_url=f"{link_server}/ada")
    Application.objects.create(
        name="Aplikasi Uji",
        owner=village_of(providers["dukcapil"]),
        url=f"{link_server}/ada",
        description="Uji.",
    )
    with in_village(providers["dukcapil"]):
        page = ServicePage.objects.get(slug="akta-kelahiran")
        page.online_url = f"{link_server}/hilang"
        page.save_revision().publish()
    connection.set_schema_to_public()
    checked = links_check(check=link_check)
    assert (checked["checked"], checked["broken"]) == (2, 1)
    assert providers["dukcapil"].schema in checked["changed"]
    birth = CatalogueService.objects.get(slug="akta-kelahiran")
    assert (birth.link_status, birth.link_problem) == ("broken", "jawaban HTTP 404")
    start = client_for("dukcapil.localhost").get("/layanan/akta-kelahiran/").text
    assert "Layanan daring sementara tidak tersedia" in start and "button-start" not in start
    assert (
        "Sementara tidak tersedia daring"
        in client_for("localhost").get("/layanan/", {"q": "akta kelahiran"}).text
    )
    item = client_for("localhost").get("/api/v1/layanan/", {"q": "akta kelahiran"}).json()["items"][0]
    assert "online" not in [channel["kind"] for channel in item["channels"]]
    Links.broken = set()
    try:
        catalogue_links_check(timestamp=0)  # the daily job: the check, then the changed hosts purged
    finally:
        Links.broken = {"/hilang"}
    assert CatalogueService.objects.get(slug="akta-kelahiran").link_status == "ok"
    assert "button-start" in client_for("dukcapil.localhost").get("/layanan/akta-kelahiran/").text


def test_link_check_never_opens_internal_addresses(settings):
    settings.VILLAGEWEB_LINK_CHECK_PRIVATE_ALLOWED = False
    for url in ("http://127.0.0.1:8080/", "http://10.0.0.5/", "http://localhost/admin/"):
        result = link_check(url)
        assert not result.ok and result.problem == "alamat jaringan internal tidak diperiksa", url
    assert link_check("ftp://contoh.go.id/").problem == "bukan alamat http(s)"


def test_diskominfo_sees_incomplete_stale_and_broken_services(providers, client_for):
    with in_village(providers["jenu"]):
        page = ServicePage.objects.get(slug="rekomendasi-izin-keramaian")
        page.reviewed_at = datetime.date(2024, 1, 15)
        page.save_revision().publish()
    connection.set_schema_to_public()
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff())
    page = client.get("/admin/desa/katalog-layanan/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Rekomendasi Izin Keramaian" in text and "15 Januari 2024 (lewat 12 bulan)" in text
    # The village's own demo service names no phone or WhatsApp: that component is missing.
    assert "Peminjaman Balai Pertemuan" in text and "telepon/WhatsApp" in text
    assert "Dinas Kependudukan dan Pencatatan Sipil" in text and "Kecamatan Jenu" in text
    village_admin = client_for("kaliuntu.localhost")
    login_as(village_admin, providers["kaliuntu"])
    assert village_admin.get("/admin/desa/katalog-layanan/").status_code == 404


def test_unreviewed_service_goes_on_its_providers_reminder(providers):
    with in_village(providers["jenu"]):
        page = ServicePage.objects.get(slug="legalisasi-surat-keterangan-ahli-waris")
        page.reviewed_at = datetime.date(2025, 6, 1)
        page.save_revision().publish()
        reminder = village_reminder_build(
            village=village_of(providers["jenu"]), today=datetime.date(2026, 12, 7)
        )
    connection.set_schema_to_public()
    labels = [item.label for item in reminder.missing]
    assert "Tinjau layanan \u201cLegalisasi Surat Keterangan Ahli Waris\u201d" in labels
    assert not any("Rekomendasi Izin Keramaian" in label for label in labels)  # reviewed 2 November 2026


def test_an_opd_editor_cannot_reach_another_providers_service(providers, client_for):
    with in_village(providers["dukcapil"]):
        page_id = ServicePage.objects.get(slug="akta-kelahiran").pk
    connection.set_schema_to_public()
    editor = client_for("dpmptsp.localhost")
    login_as(editor, providers["dpmptsp"])
    assert editor.get("/admin/").status_code == 200
    other = client_for("dukcapil.localhost")
    other.cookies = copy.deepcopy(editor.cookies)  # the same browser's cookies, on the other provider's host
    assert other.get(f"/admin/pages/{page_id}/edit/").status_code == 302  # to that host's log-in
    # The same id on the editor's own host is the editor's own page (or none), never Dukcapil's.
    own = editor.get(f"/admin/pages/{page_id}/edit/")
    assert own.status_code in (200, 404) and 'value="Akta Kelahiran"' not in own.content.decode()
