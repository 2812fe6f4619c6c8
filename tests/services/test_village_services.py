"""The regency defines the village services once (#29 step 4): every desa and kelurahan shows them
at its own /layanan/, overriding only what differs; the portal's catalogue, API and exports list
them per village with the overrides applied; a template's change reaches every village and the
portal at once; nobody edits what is not theirs."""

import copy
import csv
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from provisioning.jobs.tasks import catalogue_links_check
from tenants.models import ContentVersion
from villageweb.freshness import frontcache
from villageweb.services.local.demo import regency_templates_fill, village_overrides_demo_fill
from villageweb.services.local.models import ServiceOverride
from villageweb.services.local.services import override_save, template_federate, template_save
from villageweb.services.models import CatalogueService, ServiceFeedback, VillageServiceTemplate
from villageweb.village.models import ServiceIndexPage, ServicePage

from ..conftest import platform_setup
from ..factories import (
    fill_demo_content,
    in_village,
    login_as,
    make_diskominfo_staff,
    make_village,
    make_village_user,
    village_of,
)
from .test_catalogue import API_ITEM_KEYS

pytestmark = pytest.mark.django_db

DOMISILI = "surat-keterangan-domisili"
KELAHIRAN = "surat-keterangan-kelahiran"


@pytest.fixture(scope="module")
def villages(django_db_setup, django_db_blocker):
    """The regency's templates; Desa Kaliuntu and Desa Tasikmadu with their demo overrides
    (Tasikmadu: birth letters "tidak dilayani"), Kelurahan Kutorejo, and an OPD; built once for the
    module in a transaction rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        platform_setup()
        regency_templates_fill()
        built = {
            "kaliuntu": make_village("Kaliuntu", code="35.23.12.2014", district_name="Jenu"),
            "tasikmadu": make_village("Tasikmadu", code="35.23.18.2002", district_name="Palang"),
            "kutorejo": make_village(
                "Kutorejo", code="35.23.16.1013", district_name="Tuban", kind="kelurahan"
            ),
            "dpmptsp": make_village("DPMPTSP", code="OPD.DPMPTSP", kind="opd"),
        }
        fill_demo_content(built["kaliuntu"])
        fill_demo_content(built["tasikmadu"], demo_code="35.23.18.2002")
        with in_village(built["kutorejo"]):  # what its demo filler changes, without its whole demo
            village_overrides_demo_fill(village=village_of(built["kutorejo"]), demo=None)
        connection.set_schema_to_public()
        yield built
        connection.set_schema_to_public()
        transaction.set_rollback(True)


def api_items(client, **params) -> list[dict]:
    answer = client.get("/api/v1/layanan/", {"page_size": 100, **params})
    assert answer.status_code == 200, answer.content
    return answer.json()["items"]


def template(slug: str) -> VillageServiceTemplate:
    return VillageServiceTemplate.objects.get(slug=slug)


def test_every_village_shows_the_regency_services_at_its_own_layanan(villages, client_for):
    site = client_for("kaliuntu.localhost")
    listing = site.get("/layanan/")
    assert listing.status_code == 200
    for title in ("Surat Keterangan Domisili", "Surat Pengantar Nikah (N1–N4)", "Peminjaman Balai Pertemuan"):
        assert title in listing.text, title  # the regency's and the village's own, side by side
    assert 'href="/layanan/surat-keterangan-domisili/"' in listing.text
    assert "Surat Keterangan Domisili" in site.get("/").text  # the home page's quick links too

    start = site.get(f"/layanan/{DOMISILI}/")
    assert start.status_code == 200
    for text in (
        "Surat pengantar Ketua RT dan Ketua RW",  # the template's requirements
        "<ol>",
        "Gratis",
        "Peraturan Menteri Dalam Negeri Nomor 2 Tahun 2017 tentang Standar Pelayanan Minimal Desa",
        "Kantor Desa Kaliuntu",  # the template's place, named for the village
        "Senin–Kamis 08.00–14.00 WIB, Jumat 08.00–11.00 WIB",  # the village's own hours
        "https://wa.me/6281234560100",  # and its WhatsApp
        "Apakah halaman ini membantu?",
        '<li><a href="/layanan/">Layanan</a></li>',  # breadcrumbs: Beranda › Layanan › the service
    ):
        assert text in start.text, text
    assert "<title>Surat Keterangan Domisili ·" in start.text
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', start.text, re.S)
    service = next(data for data in map(json.loads, blocks) if data.get("@type") == "GovernmentService")
    assert service["provider"]["name"] == "Desa Kaliuntu"
    assert service["areaServed"]["name"] == "Desa Kaliuntu, Kecamatan Jenu"
    assert service["url"] == "http://kaliuntu.localhost/layanan/surat-keterangan-domisili/"
    sitemap = site.get("/sitemap.xml").content.decode()
    assert "http://kaliuntu.localhost/layanan/surat-keterangan-domisili/" in sitemap
    other = client_for("tasikmadu.localhost").get("/sitemap.xml").content.decode()
    assert "/layanan/surat-keterangan-domisili/" in other and f"/layanan/{KELAHIRAN}/" not in other
    # A template for every village is a page nowhere else: not on an OPD's site.
    assert client_for("dpmptsp.localhost").get(f"/layanan/{DOMISILI}/").status_code == 404
    assert site.get("/layanan/tidak-ada/").status_code == 404


def test_feedback_on_a_regency_service_counts_for_that_village_only(villages, client_for):
    domisili = template(DOMISILI)
    url = f"/layanan-umpan-balik/kabupaten/{domisili.pk}/"
    answer = client_for("kaliuntu.localhost", REMOTE_ADDR="203.0.113.9").post(url, {"membantu": "tidak"})
    assert answer.status_code == 200 and "Terima kasih" in answer.text
    rows = ServiceFeedback.objects.filter(service__template=domisili)
    assert [row.service.provider.code for row in rows] == ["35.23.12.2014"]
    # An OPD gives no regency service: nothing to answer there.
    assert client_for("dpmptsp.localhost").post(url, {"membantu": "ya"}).status_code == 404


def test_the_catalogue_lists_each_village_with_its_overrides_and_the_contract_fields(villages, client_for):
    portal = client_for("localhost")
    items = [item for item in api_items(portal, q="domisili") if item["slug"] == DOMISILI]
    by_code = {item["provider"]["code"]: item for item in items}
    assert set(by_code) == {"35.23.12.2014", "35.23.18.2002", "35.23.16.1013"}
    kaliuntu = by_code["35.23.12.2014"]
    assert set(kaliuntu) == API_ITEM_KEYS
    assert kaliuntu["provider"] == {
        "kind": "desa",
        "code": "35.23.12.2014",
        "name": "Desa Kaliuntu",
        "url": "http://kaliuntu.localhost/",
    }
    assert by_code["35.23.16.1013"]["provider"]["kind"] == "kelurahan"
    assert kaliuntu["url"] == "http://kaliuntu.localhost/layanan/surat-keterangan-domisili/"
    assert kaliuntu["cost"] == "Gratis" and kaliuntu["duration"] == "1 hari kerja bila berkas lengkap"
    assert "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik" in kaliuntu["legal_basis"]
    assert kaliuntu["requirements"][0] == "KTP elektronik asli (ditunjukkan)"
    assert kaliuntu["life_events"] == ["pindah", "sekolah", "usaha"]
    channels = {channel["kind"]: channel for channel in kaliuntu["channels"]}
    assert channels["location"]["address"] == "Kantor Desa Kaliuntu"
    assert channels["location"]["hours"] == "Senin–Kamis 08.00–14.00 WIB, Jumat 08.00–11.00 WIB"
    assert channels["whatsapp"]["url"] == "https://wa.me/6281234560100"
    # Kutorejo changed nothing but its officer: the template's hours, the kelurahan's office.
    kutorejo = {c["kind"]: c for c in by_code["35.23.16.1013"]["channels"]}["location"]
    assert kutorejo["label"] == "Kepala Seksi Pemerintahan dan Pelayanan Umum"
    assert kutorejo["hours"] == "Senin–Kamis 08.00–15.00 WIB, Jumat 08.00–11.00 WIB"
    assert kutorejo["address"] == "Kantor Kelurahan Kutorejo"
    # Browsing by provider and life event finds them as any other service.
    village = api_items(portal, provider="35.23.18.2002")
    assert {item["slug"] for item in village} >= {DOMISILI, "surat-pengantar-skck"}
    page = portal.get("/layanan/", {"provider": "35.23.12.2014"}).text
    assert "Surat Pengantar Nikah (N1–N4)" in page and "Peminjaman Balai Pertemuan" in page


def test_not_served_leaves_the_village_listing_its_start_page_and_the_portal(villages, client_for):
    portal = client_for("localhost")
    births = {
        item["provider"]["code"] for item in api_items(portal, event="kelahiran") if item["slug"] == KELAHIRAN
    }
    assert "35.23.18.2002" not in births and "35.23.12.2014" in births
    site = client_for("tasikmadu.localhost")
    listing = site.get("/layanan/").text
    assert "Tidak dilayani di Desa Tasikmadu" in listing
    assert "Puskesmas Palang" in listing  # where to go instead, in the village's own words
    assert f'href="/layanan/{KELAHIRAN}/"' not in listing
    assert site.get(f"/layanan/{KELAHIRAN}/").status_code == 404
    document = json.loads(portal.get("/layanan/ekspor/cpsv-ap.jsonld").content)
    identifiers = {node["identifier"] for node in document["@graph"]}
    assert f"35.23.12.2014/{KELAHIRAN}" in identifiers and f"35.23.18.2002/{KELAHIRAN}" not in identifiers
    rows = list(
        csv.reader(io.StringIO(portal.get("/layanan/ekspor/katalog-layanan.csv").content.decode("utf-8-sig")))
    )
    tasikmadu = [row for row in rows if row[3] == "35.23.18.2002"]
    assert tasikmadu and all(row[0] != "Surat Keterangan Kelahiran" for row in tasikmadu)
    assert any(
        row[0] == "Surat Keterangan Domisili" and row[13] == "Senin–Jumat 07.30–14.00 WIB"
        for row in tasikmadu
    )


def test_a_template_change_reaches_every_village_and_the_portal_at_once(
    villages, client_for, settings, monkeypatch, django_capture_on_commit_callbacks
):
    portal = client_for("localhost")
    site = client_for("kaliuntu.localhost")
    portal.get("/layanan/", {"q": "domisili"})  # a fresh database's first request may create settings
    assert "Surat Keterangan Domisili" in portal.get("/layanan/", {"q": "domisili"}).text
    assert portal.get("/layanan/", {"q": "domisili"})["X-Portal-Cache"] == "hit"
    assert site.get(f"/layanan/{DOMISILI}/").status_code == 200  # kept in the village's site cache
    platform_before = ContentVersion.objects.get(scope=ContentVersion.PLATFORM).number
    settings.VILLAGEWEB_FRONTCACHE_URLS = ["http://127.0.0.1:9/"]
    bans = []
    monkeypatch.setattr(frontcache, "_ban_send", bans.append)

    staff = client_for("localhost")
    staff.force_login(make_diskominfo_staff())
    domisili = template(DOMISILI)
    edit_url = f"/admin/snippets/layanan/villageservicetemplate/edit/{domisili.pk}/"
    form = staff.get(edit_url)
    assert form.status_code == 200
    data = {
        name: value
        for name, value in (
            ("title", "Surat Keterangan Domisili Penduduk"),
            ("slug", DOMISILI),
            ("intro", domisili.intro),
            ("for_desa", "on"),
            ("for_kelurahan", "on"),
            ("requirements", domisili.requirements),
            ("steps", domisili.steps),
            ("duration", "Selesai pada hari yang sama"),
            ("cost", "Gratis"),
            ("output", domisili.output),
            ("legal_basis", domisili.legal_basis),
            ("complaints", domisili.complaints),
            ("officer", domisili.officer),
            ("hours", domisili.hours),
            ("life_events", "pindah"),
            ("keywords", domisili.keywords),
            ("reviewed_at", "2026-12-07"),
        )
    }
    with django_capture_on_commit_callbacks(execute=True):
        saved = staff.post(edit_url, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert bans == ["."]  # a template shows on every village's site and the portal: every host
    assert ContentVersion.objects.get(scope=ContentVersion.PLATFORM).number > platform_before

    names = {
        item["provider"]["code"]: (item["name"], item["duration"])
        for item in api_items(portal, q="domisili")
        if item["slug"] == DOMISILI
    }
    assert set(names.values()) == {("Surat Keterangan Domisili Penduduk", "Selesai pada hari yang sama")}
    assert len(names) == 3
    assert "Surat Keterangan Domisili Penduduk" in portal.get("/layanan/", {"q": "domisili"}).text
    start = site.get(f"/layanan/{DOMISILI}/").text
    assert "Surat Keterangan Domisili Penduduk" in start and "Selesai pada hari yang sama" in start
    assert "Senin–Kamis 08.00–14.00 WIB" in start  # the village's override survives the template's change

    # Narrowed to desa: the kelurahan's row leaves the catalogue in the same save.
    domisili.refresh_from_db()
    domisili.for_kelurahan = False
    template_save(template=domisili)
    codes = {item["provider"]["code"] for item in api_items(portal, q="domisili") if item["slug"] == DOMISILI}
    assert codes == {"35.23.12.2014", "35.23.18.2002"}
    assert client_for("kutorejo.localhost").get(f"/layanan/{DOMISILI}/").status_code == 404


def test_an_override_purges_its_village_and_the_portal_only(
    villages, client_for, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.VILLAGEWEB_FRONTCACHE_URLS = ["http://127.0.0.1:9/"]
    bans = []
    monkeypatch.setattr(frontcache, "_ban_send", bans.append)
    platform_before = ContentVersion.objects.get(scope=ContentVersion.PLATFORM).number
    village_before = ContentVersion.objects.get(scope=villages["kaliuntu"].schema).number
    portal = client_for("localhost")
    assert portal.get("/layanan/", {"q": "skck"}).status_code == 200
    editor = client_for("kaliuntu.localhost")
    login_as(editor, villages["kaliuntu"])
    with django_capture_on_commit_callbacks(execute=True):
        answer = editor.post(
            f"/admin/layanan-desa/{template('surat-pengantar-skck').pk}/",
            {"officer": "Kaur Umum", "phone": "(0356) 711000", "notes": "Antre di loket 2."},
        )
    assert answer.status_code == 302
    assert bans == [frontcache.hosts_pattern(["kaliuntu.localhost", "localhost"])]
    assert ContentVersion.objects.get(scope=ContentVersion.PLATFORM).number == platform_before
    assert ContentVersion.objects.get(scope=villages["kaliuntu"].schema).number > village_before
    skck = {
        item["provider"]["code"]: item
        for item in api_items(portal, q="skck")
        if item["slug"] == "surat-pengantar-skck"
    }
    location = {c["kind"]: c for c in skck["35.23.12.2014"]["channels"]}
    assert location["location"]["label"] == "Kaur Umum" and location["phone"]["label"] == "(0356) 711000"
    other = {c["kind"]: c for c in skck["35.23.18.2002"]["channels"]}
    assert other["location"]["label"] == "Kepala Seksi Pelayanan" and "phone" not in other
    start = client_for("kaliuntu.localhost").get("/layanan/surat-pengantar-skck/").text
    assert "Kaur Umum" in start and "Antre di loket 2." in start and 'href="tel:(0356)711000"' in start


def test_not_served_by_the_editor_and_back(villages, client_for):
    editor = client_for("kaliuntu.localhost")
    login_as(editor, villages["kaliuntu"])
    nikah = template("surat-pengantar-nikah")
    form = editor.get(f"/admin/layanan-desa/{nikah.pk}/")
    assert form.status_code == 200 and "tidak dilayani di desa ini" in form.content.decode().lower()
    editor.post(f"/admin/layanan-desa/{nikah.pk}/", {"not_served": "on", "notes": "Dilayani di KUA Jenu."})
    portal = client_for("localhost")
    codes = {i["provider"]["code"] for i in api_items(portal, event="menikah") if i["slug"] == nikah.slug}
    assert "35.23.12.2014" not in codes and "35.23.18.2002" in codes
    assert client_for("kaliuntu.localhost").get(f"/layanan/{nikah.slug}/").status_code == 404
    editor.post(f"/admin/layanan-desa/{nikah.pk}/", {"notes": ""})
    codes = {i["provider"]["code"] for i in api_items(portal, event="menikah") if i["slug"] == nikah.slug}
    assert "35.23.12.2014" in codes
    listing = editor.get("/admin/layanan-desa/").content.decode()
    assert "Surat Pengantar Nikah (N1–N4)" in listing and "Dilayani" in listing
    assert editor.get(f"/layanan/{nikah.slug}/").status_code == 200  # with the editor's user bar too


def test_a_template_change_costs_a_few_queries_per_village(villages):
    """The portal's save of a template reads each village's overrides in its own schema: a
    constant number of queries per village (328 villages: about 328 times this), one batch of
    upserts and one delete whatever their number."""
    with CaptureQueriesContext(connection) as queries:
        listed = template_federate(template=template(DOMISILI))
    assert listed == 3
    per_village = (len(queries) - 3) / 3
    assert per_village <= 6, [query["sql"][:120] for query in queries.captured_queries]


def test_bad_override_input_gets_indonesian_messages_and_saves_nothing(villages, client_for):
    editor = client_for("kaliuntu.localhost")
    login_as(editor, villages["kaliuntu"])
    skck = template("surat-pengantar-skck")
    with in_village(villages["kaliuntu"]):
        before = list(ServiceOverride.objects.values())
    connection.set_schema_to_public()
    answer = editor.post(
        "/admin/layanan-desa/umum/",
        {"online_url": "javascript:alert(1)", "online_label": "Layanan Mandiri", "whatsapp": "12"},
    )
    text = answer.content.decode()
    assert answer.status_code == 200
    assert "Tautan harus alamat web lengkap yang diawali http:// atau https://." in text
    assert "Nomor WhatsApp harus nomor ponsel Indonesia, misalnya 0812-3456-7890." in text
    answer = editor.post(f"/admin/layanan-desa/{skck.pk}/", {"online_label": "OpenSID"})
    assert "Isi tautan aplikasinya, atau kosongkan nama aplikasi." in answer.content.decode()
    with in_village(villages["kaliuntu"]):
        assert list(ServiceOverride.objects.values()) == before
        with pytest.raises(ValidationError) as caught:
            override_save(
                village=village_of(villages["kaliuntu"]), template=None, values={"not_served": True}
            )
        assert "hanya untuk satu layanan" in caught.value.message_dict["not_served"][0]
        # The village's /layanan/ keeps its contract address.
        index = ServiceIndexPage.objects.get()
        index.slug = "pelayanan"
        with pytest.raises(ValidationError) as caught:
            index.full_clean()
        assert "/layanan/" in caught.value.message_dict["slug"][0]
    connection.set_schema_to_public()
    bad = VillageServiceTemplate(
        title="Surat Lain", slug=DOMISILI, intro="x", requirements="x", steps="x", duration="x",
        cost="Gratis", output="x", legal_basis="x", complaints="x", for_desa=False, for_kelurahan=False,
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        template_save(template=bad)
    assert caught.value.message_dict["slug"] == [
        "Slug ini sudah dipakai templat layanan lain; pilih slug lain."
    ]
    assert caught.value.message_dict["for_desa"] == ["Pilih setidaknya satu: desa atau kelurahan."]


def test_the_village_online_link_is_the_start_button_and_is_checked(villages, client_for, link_server):
    mandiri = f"{link_server}/hilang"  # the village's OpenSID "layanan mandiri", gone
    with in_village(villages["tasikmadu"]):
        override_save(
            village=village_of(villages["tasikmadu"]),
            template=None,
            values={"online_url": mandiri, "online_label": "Layanan Mandiri"},
        )
    connection.set_schema_to_public()
    start = client_for("tasikmadu.localhost").get(f"/layanan/{DOMISILI}/").text
    assert f'href="{mandiri}"' in start and "Mulai di Layanan Mandiri" in start
    rows = CatalogueService.objects.filter(provider__code="35.23.18.2002", template__isnull=False)
    assert rows.count() == 8 and {row.online_url for row in rows} == {mandiri}
    catalogue_links_check(timestamp=0)  # the daily job: the check, then the changed hosts purged
    assert {row.link_status for row in rows.all()} == {"broken"}
    start = client_for("tasikmadu.localhost").get(f"/layanan/{DOMISILI}/").text
    assert "Layanan daring sementara tidak tersedia" in start and "button-start" not in start


def test_a_village_page_at_a_template_address_replaces_it_until_it_goes(villages, client_for):
    kaliuntu = village_of(villages["kaliuntu"])
    with in_village(villages["kaliuntu"]):
        index = ServiceIndexPage.objects.get()
        own = ServicePage(title="Surat Keterangan Domisili (Desa Kaliuntu)", slug=DOMISILI, cost="Gratis")
        index.add_child(instance=own)
        own.save_revision().publish()
    connection.set_schema_to_public()
    rows = CatalogueService.objects.filter(provider=kaliuntu, slug=DOMISILI)
    assert [(row.name, row.template_id) for row in rows] == [
        ("Surat Keterangan Domisili (Desa Kaliuntu)", None)
    ]
    site = client_for("kaliuntu.localhost")
    assert "Surat Keterangan Domisili (Desa Kaliuntu)" in site.get(f"/layanan/{DOMISILI}/").text
    assert site.get("/layanan/").text.count(f'href="/layanan/{DOMISILI}/"') == 1
    with in_village(villages["kaliuntu"]):
        ServicePage.objects.get(slug=DOMISILI).unpublish()
    connection.set_schema_to_public()
    assert [row.template_id for row in rows.all()] == [template(DOMISILI).pk]
    # A village whose /layanan/ is hidden sends no citizen there from the portal.
    with in_village(villages["kaliuntu"]):
        ServiceIndexPage.objects.get().unpublish()
    connection.set_schema_to_public()
    assert not CatalogueService.objects.filter(provider=kaliuntu).exists()


def test_a_new_village_lists_the_regency_services_at_once(villages):
    created = make_village("Sugihwaras", code="35.23.12.2015", district_name="Jenu")
    rows = CatalogueService.objects.filter(provider=village_of(created), template__isnull=False)
    assert rows.count() == VillageServiceTemplate.objects.filter(for_desa=True).count() == 9
    assert {row.path for row in rows} >= {f"/layanan/{DOMISILI}/"}
    # A lost row (a restore, a backfill) comes back with the provider's resync.
    rows.delete()
    out = io.StringIO()
    call_command("resync_catalogue", "--provider", "35.23.12.2015", stdout=out)
    assert "35.23.12.2015 Desa Sugihwaras: 9 layanan" in out.getvalue() and rows.count() == 9


def test_a_village_editor_edits_only_its_own_overrides(villages, client_for):
    make_village_user(villages["kaliuntu"], "operator", "Operator")
    make_village_user(villages["kaliuntu"], "kontributor", "Kontributor")
    skck = template("surat-pengantar-skck")
    operator = client_for("kaliuntu.localhost")
    login_as(operator, villages["kaliuntu"], username="operator", password="Rahasia-Desa-2026")
    assert operator.get("/admin/layanan-desa/").status_code == 200
    operator.post(f"/admin/layanan-desa/{skck.pk}/", {"officer": "Operator Kaliuntu"})
    # The same browser's cookies on Tasikmadu's host are nobody there: its log-in page.
    other = client_for("tasikmadu.localhost")
    other.cookies = copy.deepcopy(operator.cookies)
    assert other.get(f"/admin/layanan-desa/{skck.pk}/").status_code == 302
    assert other.post(f"/admin/layanan-desa/{skck.pk}/", {"officer": "Disusupi"}).status_code == 302
    with in_village(villages["tasikmadu"]):
        assert not ServiceOverride.objects.filter(officer__in=["Operator Kaliuntu", "Disusupi"]).exists()
    with in_village(villages["kaliuntu"]):
        assert ServiceOverride.objects.get(template_id=skck.pk).officer == "Operator Kaliuntu"
    connection.set_schema_to_public()
    # Only who may publish the village's pages changes what is live at once.
    contributor = client_for("kaliuntu.localhost")
    login_as(contributor, villages["kaliuntu"], username="kontributor", password="Rahasia-Desa-2026")
    for answer in (
        contributor.get("/admin/layanan-desa/"),
        contributor.post(f"/admin/layanan-desa/{skck.pk}/", {"officer": "X"}),
    ):
        assert (answer.status_code, answer["Location"]) == (302, "/admin/")  # Wagtail's "no permission"
    with in_village(villages["kaliuntu"]):
        assert ServiceOverride.objects.get(template_id=skck.pk).officer == "Operator Kaliuntu"
    connection.set_schema_to_public()
    assert "Layanan desa" not in contributor.get("/admin/").content.decode()
    # A template for desa only is not a kelurahan's to change.
    kelurahan_only = template(DOMISILI)
    kelurahan_only.for_kelurahan = False
    template_save(template=kelurahan_only)
    lurah = client_for("kutorejo.localhost")
    login_as(lurah, villages["kutorejo"])
    assert lurah.get(f"/admin/layanan-desa/{kelurahan_only.pk}/").status_code == 404


def test_only_diskominfo_edits_the_regency_templates(villages, client_for):
    domisili = template(DOMISILI)
    urls = [
        "/admin/snippets/layanan/villageservicetemplate/",
        f"/admin/snippets/layanan/villageservicetemplate/edit/{domisili.pk}/",
        "/admin/snippets/layanan/villageservicetemplate/add/",
    ]
    for key in ("dpmptsp", "kaliuntu"):
        editor = client_for(villages[key].domain)
        login_as(editor, villages[key])
        for url in urls:
            assert editor.get(url).status_code == 404, (key, url)
        assert editor.post(urls[1], {"title": "Diubah OPD", "slug": DOMISILI}).status_code == 404
        assert "Layanan desa (templat)" not in editor.get("/admin/").content.decode()
    assert template(DOMISILI).title == "Surat Keterangan Domisili"
    # The OPD's admin has no village services either; the portal has no village overrides.
    opd = client_for("dpmptsp.localhost")
    login_as(opd, villages["dpmptsp"])
    assert opd.get("/admin/layanan-desa/").status_code == 404
    staff = client_for("localhost")
    staff.force_login(make_diskominfo_staff())
    assert staff.get(urls[0]).status_code == 200
    assert staff.get("/admin/layanan-desa/").status_code == 404


def test_diskominfo_sees_the_templates_across_villages(villages, client_for):
    staff = client_for("localhost")
    staff.force_login(make_diskominfo_staff())
    text = staff.get("/admin/desa/katalog-layanan/").content.decode()
    assert "Layanan desa dari templat kabupaten (9)" in text
    row = re.search(r"Surat Keterangan Kelahiran</a></td>\s*<td>(\d+) dari (\d+)", text)
    assert row and row.groups() == ("2", "3")  # Tasikmadu does not serve it
    # A village's copy of a template is not an "attention" line of its own for what the template says.
    attention = text.split("<h2>Perlu perhatian")[1].split("</table>")[0]
    assert "Surat Keterangan Domisili" not in attention


def test_a_citizen_finds_the_catalogue_from_the_portal_menu_and_home(villages, client_for):
    portal = client_for("localhost")
    home = portal.get("/").text
    menu = home.split('aria-label="Menu utama"')[1].split("</nav>")[0]
    assert '<li><a href="/layanan/">Layanan Publik</a></li>' in menu
    assert 'action="/layanan/"' in home and 'href="/layanan/"' in home.split("</nav>", 1)[1]
    catalogue = portal.get("/layanan/").text
    assert '<a href="/layanan/" aria-current="page">Layanan Publik</a>' in catalogue
    # A village's menu has its own "Layanan" page, not the portal's entry.
    assert "Layanan Publik</a>" not in client_for("kaliuntu.localhost").get("/").text
