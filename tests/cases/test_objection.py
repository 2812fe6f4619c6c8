"""An objection (keberatan) after an answer or a missed deadline goes to the office's head, PerKI
1/2018's atasan PPID (the Atasan PPID role in the provider's own site), with its own deadline of 30
working days (UU 14/2008 art. 36); the inbox and /lacak/ show who answers it and by when."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from villageweb.accounts.roles import GROUP_OPERATOR, GROUP_SUPERIOR
from villageweb.cases.models import Case, NoticeAddress
from villageweb.cases.services import Submission, case_create, case_reply, cases_remind
from villageweb.cases.workdays import working_days_add

from ..factories import VILLAGE_USER_PASSWORD, login_as, make_village_user, village_of

pytestmark = pytest.mark.django_db

SUBMISSION = Submission(
    kind="informasi",
    category="lainnya",
    subject="Salinan APBDes",
    message="Mohon salinan APBDes tahun ini.",
    purpose="Bahan diskusi warga",
    name="Sri Lestari",
    email="sri@example.id",
)


@pytest.fixture
def objected(village_factory, client_for, holidays):
    """A request answered by the village, then objected to by the citizen on /lacak/."""
    jlodro = village_factory("Jlodro")
    case = case_create(provider=village_of(jlodro), submission=SUBMISSION)
    case_reply(
        provider=village_of(jlodro), case_id=case.pk, actor="admin", address="", text="Belum tersedia."
    )
    citizen = client_for(jlodro.domain)
    response = citizen.post("/lacak/keberatan/", {"kode": case.code, "alasan": "APBDes wajib diumumkan."})
    assert response.status_code == 200
    case.refresh_from_db()
    return jlodro, case, citizen


def test_objection_goes_to_the_kepala_desa_with_30_working_days_of_its_own(objected):
    jlodro, case, citizen = objected
    today = timezone.localdate()
    assert case.objection_due_on == working_days_add(today, 30)
    # The first answer's deadline is untouched: the on-time record still reads the first answer.
    assert case.due_on == working_days_add(timezone.localdate(case.received_at), 10)
    assert case.answered_on_time is True
    page = citizen.get(f"/lacak/?kode={case.code}").text
    assert "ditanggapi oleh Kepala Desa Jlodro" in page
    assert "Batas tanggapan" in page or "batas tanggapan" in page


def test_only_the_atasan_ppid_answers_the_objection(objected, client_for):
    jlodro, case, citizen = objected
    make_village_user(jlodro, "operator", GROUP_OPERATOR)
    make_village_user(jlodro, "kades", GROUP_SUPERIOR)
    operator = login_as(
        client_for(jlodro.domain), jlodro, username="operator", password=VILLAGE_USER_PASSWORD
    )
    page = operator.get(f"/admin/pengaduan/{case.pk}/").text
    assert "Kepala Desa Jlodro" in page and "Hanya akun dengan peran" in page
    assert f'action="/admin/pengaduan/{case.pk}/jawab/"' not in page
    refused = operator.post(f"/admin/pengaduan/{case.pk}/tanggapi-keberatan/", {"text": "Ditolak."})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no permission"
    case.refresh_from_db()
    assert case.objection_open
    blocked = operator.post(f"/admin/pengaduan/{case.pk}/jawab/", {"text": "Jawaban kedua"})
    assert blocked.status_code == 400 and "Atasan PPID" in blocked.text

    kades = login_as(client_for(jlodro.domain), jlodro, username="kades", password=VILLAGE_USER_PASSWORD)
    inbox = kades.get("/admin/pengaduan/?tampil=keberatan").text
    assert case.code in inbox and "batas tanggapan keberatan" in inbox
    answered = kades.post(
        f"/admin/pengaduan/{case.pk}/tanggapi-keberatan/",
        {"text": "APBDes 2026 kami unggah hari ini di menu Transparansi.", "close": "on"},
    )
    assert answered.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.objection_answered_at is not None
    page = citizen.get(f"/lacak/?kode={case.code}").text
    assert "Tanggapan atas keberatan" in page and "menu Transparansi" in page
    assert "Keberatan ditanggapi oleh Kepala Desa Jlodro" in page


def test_objection_after_a_missed_deadline_is_reminded_by_its_own_deadline(
    village_factory, client_for, holidays
):
    jlodro = village_factory("Jlodro")
    case = case_create(provider=village_of(jlodro), submission=SUBMISSION)
    Case.objects.filter(pk=case.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=3))
    citizen = client_for(jlodro.domain)
    assert (
        citizen.post("/lacak/keberatan/", {"kode": case.code, "alasan": "Tidak dijawab."}).status_code == 200
    )
    NoticeAddress.objects.create(
        provider=village_of(jlodro),
        email="kades@jlodro.desa.id",
        added_by="admin",
        verified_at=timezone.now(),
    )
    mail.outbox.clear()
    assert cases_remind() == 0  # 30 working days ahead: nothing yet
    case.refresh_from_db()
    Case.objects.filter(pk=case.pk).update(objection_due_on=timezone.localdate() + datetime.timedelta(days=1))
    assert cases_remind() == 1
    assert "keberatan atas" in mail.outbox[-1].body and case.code in mail.outbox[-1].body
    assert "Salinan APBDes" not in mail.outbox[-1].body  # no text the citizen typed


def test_an_opd_objection_goes_to_the_head_of_the_agency(village_factory, client_for, holidays):
    dinas = village_factory("Dinas Kesehatan", kind="opd", code="OPD.DINKES")
    case = case_create(provider=village_of(dinas), submission=SUBMISSION)
    case_reply(provider=village_of(dinas), case_id=case.pk, actor="admin", address="", text="Sudah.")
    citizen = client_for(dinas.domain)
    citizen.post("/lacak/keberatan/", {"kode": case.code, "alasan": "Belum lengkap."})
    assert "ditanggapi oleh Kepala Dinas Kesehatan" in citizen.get(f"/lacak/?kode={case.code}").text
