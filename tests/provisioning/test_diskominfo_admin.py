"""Diskominfo's "Desa" menu in the portal admin: villages, lifecycle actions, health; staff only."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Revision

from provisioning.jobs.services import completeness_measure
from provisioning.models import AuditEntry
from tenants.models import Village
from villageweb.portal.federation.models import FederatedNewsItem
from villageweb.portal.federation.services import village_summary_refresh
from villageweb.village.completeness import site_completeness

from ..factories import in_village, login_as, make_diskominfo_staff, make_news_page, village_of
from ..jobs.conftest import queue_empty

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(platform, client_for):
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff())
    return client


def _age(result, days: int) -> None:
    """Make every edit and publication of a village `days` old."""
    moment = timezone.now() - timedelta(days=days)
    with in_village(result):
        Revision.objects.update(created_at=moment)
        Page.objects.update(last_published_at=moment, first_published_at=moment)
        # What the page signals keep in public, as it would read after those edits happened then.
        village_summary_refresh()
    connection.set_schema_to_public()
    FederatedNewsItem.objects.filter(village__code=result.code).update(first_published_at=moment)


def test_village_list_filters_by_kecamatan_and_search(staff_client, village_factory):
    village_factory("Jlodro", code="35.23.04.2001", district_name="Kenduruan")
    village_factory("Wangi", code="35.23.05.2001", district_name="Jatirogo")
    page = staff_client.get("/admin/desa/")
    assert page.status_code == 200 and "Desa Jlodro" in page.text and "Desa Wangi" in page.text
    assert "Desa Wangi" not in staff_client.get("/admin/desa/?kecamatan=35.23.04").text
    found = staff_client.get("/admin/desa/?q=wang").text
    assert "Desa Wangi" in found and "Desa Jlodro" not in found


def test_menu_shows_desa_to_staff(staff_client):
    home = staff_client.get("/admin/")
    assert "Kesehatan Situs Desa" in home.text and "Daftar desa" in home.text


def test_create_form_provisions_and_shows_the_password_once(staff_client, client_for):
    response = staff_client.post(
        "/admin/desa/baru/",
        {"code": "35.23.01.2008", "name": "Sidorejo", "district_name": "Kenduruan", "kind": "desa"},
    )
    assert response.status_code == 200
    password = re.search(r"<strong>(\w{14})</strong>", response.text).group(1)
    assert "hanya ditampilkan sekali" in response.text
    login = client_for("sidorejo.localhost").post(
        "/admin/login/", {"username": "admin", "password": password}
    )
    assert login.status_code == 302


def test_create_form_reports_bad_input_in_indonesian(staff_client):
    response = staff_client.post(
        "/admin/desa/baru/", {"code": "99", "name": "Sidorejo", "district_name": "Kenduruan", "kind": "desa"}
    )
    assert response.status_code == 200 and "tidak valid" in response.text
    assert not Village.objects.filter(name="Sidorejo").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"code": "35.23.99.9999", "name": "Contoh", "district_name": "Jenu"},
            "Kode 35.23.99.9999 tidak ada di daftar resmi Kemendagri",
        ),
        (
            {"code": "35.23.01.2008", "name": "Sidorejo", "district_name": "Jenu"},
            "Desa Sidorejo ada di Kecamatan Kenduruan, bukan &#x27;Jenu&#x27;.",
        ),
        (
            {"code": "35.23.01.2008", "name": "Sidomulyo", "district_name": "Kenduruan"},
            "Kode 35.23.01.2008 adalah desa Sidorejo, bukan &#x27;Sidomulyo&#x27;.",
        ),
    ],
    ids=["made-up-code", "wrong-kecamatan", "wrong-name"],
)
def test_create_form_refuses_what_the_official_list_does_not_say(staff_client, data, message):
    response = staff_client.post("/admin/desa/baru/", {**data, "kind": "desa"})
    assert response.status_code == 200
    assert message in response.text, response.text[:4000]
    assert "help-critical" in response.text and 'class="w-field' in response.text  # the admin's own styling
    assert not Village.objects.filter(code=data["code"], name=data["name"]).exists()
    assert not AuditEntry.objects.filter(village_code=data["code"]).exists()


def test_create_form_override_needs_a_reason_and_is_audited(staff_client):
    data = {"code": "35.23.99.2001", "name": "Pemekaran Baru", "district_name": "Jenu", "kind": "desa"}
    refused = staff_client.post("/admin/desa/baru/", {**data, "override": "on"})
    assert "Tuliskan alasan membuat desa di luar daftar resmi." in refused.text
    assert not Village.objects.filter(code=data["code"]).exists()

    reason = "Desa pemekaran, Kepmendagri 2026 belum dimuat"
    created = staff_client.post("/admin/desa/baru/", {**data, "override": "on", "override_reason": reason})

    assert "hanya ditampilkan sekali" in created.text
    entry = AuditEntry.objects.get(village_code=data["code"])
    assert entry.action == AuditEntry.Action.PROVISION and entry.reason == reason
    assert "Di luar daftar resmi" in entry.detail and "35.23.99.2001" in entry.detail


def test_lifecycle_actions_from_the_detail_page(staff_client, village_factory, client_for):
    jlodro = village_factory("Jlodro")
    base = f"/admin/desa/{jlodro.code}/"
    assert "Nonaktifkan sementara" in staff_client.get(base).text

    staff_client.post(base + "suspend/", {"reason": "Uji coba"})
    assert client_for(jlodro.domain).get("/").status_code == 503
    staff_client.post(base + "resume/")
    staff_client.post(base + "rename/", {"subdomain": "jlodro-baru", "reason": "Nama resmi"})
    assert client_for(jlodro.domain).get("/")["Location"] == "http://jlodro-baru.localhost/"
    staff_client.post(base + "add-domain/", {"domain": "jlodro.desa.id", "primary": "1"})
    assert village_of(jlodro).url == "http://jlodro.desa.id"
    reset = staff_client.post(base + "reset-password/", {"username": "admin", "reason": "Operator baru"})
    password = re.search(r"<strong>(\w{14})</strong>", reset.text).group(1)
    assert (
        client_for("jlodro.desa.id")
        .post("/admin/login/", {"username": "admin", "password": password})
        .status_code
        == 302
    )

    staff_client.post(base + "archive/", {"reason": "Desa digabung"})
    refused = staff_client.post(base + "purge/", {"confirm_code": "salah"}, follow=True)
    assert "Penghapusan dibatalkan" in refused.text
    no_export = staff_client.post(base + "purge/", {"confirm_code": jlodro.code}, follow=True)
    assert "export_village" in no_export.text
    assert village_of(jlodro).status == Village.Status.ARCHIVED


def test_health_figures_match_the_villages_activity(staff_client, village_factory):
    lively = village_factory("Jlodro")
    quiet = village_factory("Wangi")
    with in_village(lively):
        starting_pages = Page.objects.filter(depth__gt=1).count()  # the tree every village starts with
    make_news_page("Kerja bakti", village=lively, slug="kerja-bakti", date=timezone.localdate())
    make_news_page("Posyandu", village=lively, slug="posyandu", date=timezone.localdate())
    make_news_page("Panen raya", village=quiet, slug="panen-raya")
    _age(quiet, days=45)
    for result in (lively, quiet):
        with in_village(result):
            completeness_measure()  # what the daily upkeep job does in every village
    connection.set_schema_to_public()

    page = staff_client.get("/admin/desa/kesehatan/")
    assert "1 dari 2 desa diperbarui dalam 30 hari terakhir" in page.text
    stale = page.text.split("tidak diperbarui dalam 30 hari terakhir")[1].split("Semua desa")[0]
    assert "Desa Wangi" in stale and "Desa Jlodro" not in stale

    rows = {
        row["kode"]: row
        for row in csv.DictReader(
            io.StringIO(staff_client.get("/admin/desa/kesehatan/?format=csv").content.decode("utf-8-sig"))
        )
    }
    # The starting tree plus two news pages (both within 30 days), and plus one old one.
    assert rows[lively.code]["halaman"] == str(starting_pages + 2)
    assert rows[lively.code]["berita 30 hari"] == "2"
    assert rows[quiet.code]["halaman"] == str(starting_pages + 1)
    assert rows[quiet.code]["berita 30 hari"] == "0"
    assert rows[quiet.code]["tidak diperbarui 30 hari"] == "ya"
    assert rows[lively.code]["tidak diperbarui 30 hari"] == "tidak"
    # Each village's own completeness score, as the daily job measured it in its schema.
    for result in (lively, quiet):
        with in_village(result):
            score = site_completeness().score
        assert rows[result.code]["kelengkapan"] == str(score)
    assert rows[lively.code]["kelengkapan"] != rows[quiet.code]["kelengkapan"]


def _health_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/desa/kesehatan/").status_code == 200
    return len(queries)


def test_health_uses_the_same_number_of_queries_for_more_villages(staff_client, village_factory):
    """Everything the page shows per village (activity and completeness) is read across schemas
    or from the public summary, so 328 villages cost what two do."""
    two = [village_factory("Jlodro"), village_factory("Wangi")]
    for village in two:
        with in_village(village):
            completeness_measure()
    connection.set_schema_to_public()
    _health_queries(staff_client)  # the session's first admin page checks the password once
    with_two = _health_queries(staff_client)
    six = two + [village_factory(name) for name in ("Sumurgeneng", "Kaliuntu", "Sugihwaras", "Mlangi")]
    for village in six[2:]:
        with in_village(village):
            completeness_measure()
    connection.set_schema_to_public()
    with_six = _health_queries(staff_client)
    page = staff_client.get("/admin/desa/kesehatan/").text
    assert all(f"Desa {name}" in page for name in ("Jlodro", "Wangi", "Mlangi"))
    assert with_six == with_two


def test_portal_user_outside_diskominfo_is_refused(platform, client_for):
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff("tamu", in_group=False))
    # Wagtail's admin turns the views' PermissionDenied into a redirect home with a message.
    for path in ("/admin/desa/", "/admin/desa/kesehatan/", "/admin/desa/baru/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "Kesehatan Situs Desa" not in client.get("/admin/").text


def test_village_host_never_serves_the_diskominfo_pages(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = login_as(client_for(jlodro.domain), jlodro)
    for path in (
        "/admin/desa/",
        "/admin/desa/kesehatan/",
        f"/admin/desa/{jlodro.code}/",
        "/admin/desa/baru/",
    ):
        assert client.get(path).status_code == 404
    assert client.post(f"/admin/desa/{jlodro.code}/suspend/").status_code == 404
    assert "Kesehatan Situs Desa" not in client.get("/admin/").text
    assert village_of(jlodro).status == Village.Status.ACTIVE


@pytest.mark.django_db(transaction=True)
def test_export_action_downloads_the_archive_and_records_it(
    transactional_village_factory, client_for, settings, tmp_path
):
    from provisioning.jobs.operator import export_job_run
    from provisioning.models import VillageExport

    settings.VILLAGEWEB_EXPORT_ROOT = str(tmp_path)
    jlodro = transactional_village_factory("Jlodro")
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff())
    queue_empty()
    started = client.post(f"/admin/desa/{jlodro.code}/export/")
    assert started.status_code == 302  # to the job's progress page; the worker writes the archive
    export_job_run(job_id=started["Location"].rstrip("/").rsplit("/", 1)[1])
    queue_empty()
    response = client.get(started["Location"] + "unduh/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="{jlodro.code}-')
    body = b"".join(response.streaming_content)
    export = VillageExport.objects.get(code=jlodro.code)
    assert export.created_by == "budi" and export.size_bytes == len(body)


def test_health_figures_follow_edits_without_reading_village_schemas(staff_client, village_factory):
    """A draft, a new page and a publish each show on the health page at once (kept by the page
    signals), and a village provisioned before the activity rows were kept is measured once."""
    jlodro = village_factory("Jlodro")

    def row():
        text = staff_client.get("/admin/desa/kesehatan/?format=csv").content.decode("utf-8-sig")
        return next(r for r in csv.DictReader(io.StringIO(text)) if r["kode"] == jlodro.code)

    before = int(row()["halaman"])
    make_news_page("Draf rapat", village=jlodro, slug="draf-rapat", publish=False)
    assert int(row()["halaman"]) == before + 1
    assert row()["berita 30 hari"] == "0"
    make_news_page("Rapat desa", village=jlodro, slug="rapat-desa", date=timezone.localdate())
    assert int(row()["halaman"]) == before + 2 and row()["berita 30 hari"] == "1"
    # A village without a row (as after the upgrade that added them) is measured from its schema once.
    from villageweb.portal.federation.models import VillageActivity

    VillageActivity.objects.filter(village__code=jlodro.code).delete()
    assert int(row()["halaman"]) == before + 2
    assert VillageActivity.objects.filter(village__code=jlodro.code).exists()


def test_dashboard_shows_the_health_summary_and_the_village_page_inputs_have_borders(
    staff_client, village_factory
):
    jlodro = village_factory("Jlodro")
    dashboard = staff_client.get("/admin/").text
    assert "Kesehatan situs desa" in dashboard
    assert re.search(r"\d+ dari \d+ desa diperbarui dalam 30 hari terakhir", dashboard)
    assert 'href="/admin/desa/kesehatan/"' in dashboard
    detail = staff_client.get(f"/admin/desa/{jlodro.code}/").text
    # Wagtail's admin draws a border only round typed inputs: every visible one here says its type.
    untyped = [tag for tag in re.findall(r"<input[^>]*>", detail) if " type=" not in tag]
    assert untyped == []
