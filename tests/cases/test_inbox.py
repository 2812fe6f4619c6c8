"""The Pengaduan inbox in a provider's admin: unread first, reply/note/assign/extend/forward/close, the
access log, and the boundary: no provider's official, a superuser of their own site included, ever reads
or changes another provider's case."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from villageweb.accounts.roles import GROUP_CONTRIBUTOR
from villageweb.cases.models import Case, CaseAccess
from villageweb.cases.services import Submission, case_create

from ..factories import in_village, login_as, make_village_user, village_of

pytestmark = pytest.mark.django_db


def _case(result, subject="Jalan berlubang", **extra):
    submission = Submission(
        kind=extra.pop("kind", "pengaduan"),
        category="infrastruktur",
        subject=subject,
        message="Jalan di RT 02 berlubang besar.",
        name="Slamet Riyadi",
        phone="081298765432",
    )
    return case_create(provider=village_of(result), submission=submission)


@pytest.fixture
def two(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    return jlodro, wangi, login_as(client_for(jlodro.domain), jlodro)


def test_inbox_lists_unread_first_and_the_dashboard_says_so(two):
    jlodro, _, admin = two
    old = _case(jlodro, "Sudah dibaca")
    Case.objects.filter(pk=old.pk).update(read_at=old.received_at)
    _case(jlodro, "Belum dibaca")
    page = admin.get("/admin/pengaduan/").text
    assert page.index("Belum dibaca</strong>") < page.index("Sudah dibaca</strong>")
    dashboard = admin.get("/admin/").text
    assert "1 pengaduan atau permohonan informasi belum dibaca" in dashboard


def test_opening_a_case_is_logged_and_makes_it_diproses(two):
    jlodro, _, admin = two
    case = _case(jlodro)
    page = admin.get(f"/admin/pengaduan/{case.pk}/")
    assert page.status_code == 200 and "081298765432" in page.text  # the official sees the contact
    case.refresh_from_db()
    assert case.status == "diproses" and case.read_at is not None
    assert CaseAccess.objects.filter(case=case, actor="admin", action="dibuka").count() == 1


def test_superuser_of_one_village_never_reaches_another_villages_case(two, client_for):
    jlodro, wangi, admin = two
    with in_village(jlodro):
        get_user_model().objects.filter(username="admin").update(is_superuser=True)
    connection.set_schema_to_public()
    theirs = _case(wangi, "Rahasia Wangi")
    assert "Rahasia Wangi" not in admin.get("/admin/pengaduan/").text
    assert admin.get(f"/admin/pengaduan/{theirs.pk}/").status_code == 404
    assert admin.get(f"/admin/pengaduan/{theirs.pk}/lapor.json").status_code == 404
    for action in ("jawab", "catatan", "teruskan", "selesai", "perpanjang"):
        response = admin.post(f"/admin/pengaduan/{theirs.pk}/{action}/", {"text": "x", "reason": "x"})
        assert response.status_code == 404, action
    assert "Rahasia Wangi" not in admin.get("/admin/pengaduan/ekspor.csv").content.decode()
    assert admin.get("/admin/snippets/cases/case/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "diterima" and not CaseAccess.objects.filter(case=theirs).exists()


def test_inbox_is_not_on_the_portal(two, client_for, platform):
    from ..factories import make_diskominfo_staff

    staff = make_diskominfo_staff()
    client = client_for("localhost")
    client.force_login(staff)
    assert client.get("/admin/pengaduan/").status_code == 404


def test_contributor_may_not_open_the_inbox(two, client_for):
    jlodro, _, _ = two
    make_village_user(jlodro, "kontributor", GROUP_CONTRIBUTOR)
    client = login_as(client_for(jlodro.domain), jlodro, username="kontributor", password="Rahasia-Desa-2026")
    refused = client.get("/admin/pengaduan/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no permission"
    assert "Pengaduan" not in client.get("/admin/").text


def test_public_reply_with_a_nik_or_phone_is_refused_until_masked(two, client_for):
    jlodro, _, admin = two
    case = _case(jlodro)
    refused = admin.post(
        f"/admin/pengaduan/{case.pk}/jawab/", {"text": "Pak 3523 0101 0101 0001 sudah kami hubungi."}
    )
    assert refused.status_code == 400 and "tidak boleh memuat NIK" in refused.text
    refused = admin.post(f"/admin/pengaduan/{case.pk}/jawab/", {"text": "Hubungi 0812-9876-5432."})
    assert refused.status_code == 400
    ok = admin.post(f"/admin/pengaduan/{case.pk}/jawab/", {"text": "Jalan sudah ditambal pada 5 Desember."})
    assert ok.status_code == 302
    track = client_for(jlodro.domain).get(f"/lacak/?kode={case.code}").text
    assert "Dijawab" in track and "sudah ditambal" in track
    admin.post(f"/admin/pengaduan/{case.pk}/catatan/", {"text": "Rahasia internal: warga marah."})
    assert "Rahasia internal" not in client_for(jlodro.domain).get(f"/lacak/?kode={case.code}").text
    assert admin.post(f"/admin/pengaduan/{case.pk}/selesai/").status_code == 302
    assert "Selesai" in client_for("localhost").get(f"/lacak/?kode={case.code}").text


def test_information_request_answered_with_a_document(two, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    jlodro, _, admin = two
    case = _case(jlodro, "Salinan APBDes", kind="informasi")
    document = SimpleUploadedFile("apbdes-2026.pdf", b"%PDF-1.4 salinan", content_type="application/pdf")
    response = admin.post(f"/admin/pengaduan/{case.pk}/jawab/", {"text": "Terlampir.", "document": document})
    assert response.status_code == 302
    track = client_for(jlodro.domain).get(f"/lacak/?kode={case.code}").text
    assert "Unduh dokumen jawaban" in track and "apbdes-2026" in track


def test_extension_once_with_a_public_reason(two, client_for):
    jlodro, _, admin = two
    case = _case(jlodro)
    due = case.due_on
    assert (
        admin.post(
            f"/admin/pengaduan/{case.pk}/perpanjang/", {"reason": "Menunggu survei lapangan."}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.due_on > due
    again = admin.post(f"/admin/pengaduan/{case.pk}/perpanjang/", {"reason": "Lagi."})
    assert again.status_code == 400 and "satu kali" in again.text
    assert "Menunggu survei lapangan" in client_for(jlodro.domain).get(f"/lacak/?kode={case.code}").text


def test_forward_keeps_the_code_and_moves_the_case_to_the_other_provider(two, client_for):
    jlodro, wangi, admin = two
    case = _case(jlodro, "Bukan urusan desa")
    response = admin.post(
        f"/admin/pengaduan/{case.pk}/teruskan/",
        {"to_provider": village_of(wangi).pk, "reason": "Wilayah Wangi"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.provider == village_of(wangi) and case.status == "diterima"
    assert admin.get(f"/admin/pengaduan/{case.pk}/").status_code == 404
    wangi_admin = login_as(client_for(wangi.domain), wangi)
    assert "Bukan urusan desa" in wangi_admin.get("/admin/pengaduan/").text
    track = client_for(jlodro.domain).get(f"/lacak/?kode={case.code}").text
    assert "Diteruskan dari Desa Jlodro ke Desa Wangi" in track and "Wilayah Wangi" not in track


def test_lapor_export_carries_the_national_category_and_is_logged(two):
    jlodro, _, admin = two
    case = _case(jlodro)
    record = json.loads(admin.get(f"/admin/pengaduan/{case.pk}/lapor.json").content)
    assert record["tracking_id"] == case.code and record["category_national"] == "Infrastruktur"
    assert record["type"] == "pengaduan" and record["institution"]["name"] == "Desa Jlodro"
    csv_text = admin.get("/admin/pengaduan/ekspor.csv").content.decode()
    assert csv_text.splitlines()[0].startswith("format,tracking_id,type")
    assert CaseAccess.objects.filter(case=case, action="ekspor").count() == 2
