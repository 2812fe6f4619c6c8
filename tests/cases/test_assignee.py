"""A case is assigned to an account of the provider's own site (not a typed name): the inbox shows
the assignee's name, "Tugas saya" lists the official's own cases, and the reminder before the deadline
goes to the assignee's address too."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from villageweb.accounts.roles import GROUP_CONTRIBUTOR, GROUP_OPERATOR
from villageweb.cases.models import Case
from villageweb.cases.services import Submission, case_create, cases_remind

from ..factories import VILLAGE_USER_PASSWORD, in_village, login_as, make_village_user, village_of

pytestmark = pytest.mark.django_db

SUBMISSION = Submission(
    kind="pengaduan", category="infrastruktur", subject="Lampu jalan mati", message="Lampu mati sepekan."
)


def _jlodro(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    make_village_user(jlodro, "budi", GROUP_OPERATOR)
    make_village_user(jlodro, "kontributor", GROUP_CONTRIBUTOR)
    with in_village(jlodro):
        get_user_model().objects.filter(username="budi").update(
            first_name="Budi", last_name="Santoso", email="budi@jlodro.desa.id"
        )
    return jlodro, login_as(client_for(jlodro.domain), jlodro)


@pytest.fixture
def village(village_factory, client_for):
    return _jlodro(village_factory, client_for)


def test_assignee_is_chosen_among_the_sites_case_handlers(village_factory, client_for):
    wangi = village_factory("Wangi")
    make_village_user(wangi, "orang-wangi", GROUP_OPERATOR)
    jlodro, admin = _jlodro(village_factory, client_for)
    case = case_create(provider=village_of(jlodro), submission=SUBMISSION)
    form = admin.get(f"/admin/pengaduan/{case.pk}/").text
    assert 'value="budi"' in form and "Budi Santoso (budi)" in form
    assert 'value="kontributor"' not in form and "orang-wangi" not in form
    for stranger in ("kontributor", "orang-wangi", "Pak RT"):
        refused = admin.post(f"/admin/pengaduan/{case.pk}/tugaskan/", {"assignee": stranger})
        assert refused.status_code == 400, stranger
    assert admin.post(f"/admin/pengaduan/{case.pk}/tugaskan/", {"assignee": "budi"}).status_code == 302
    case.refresh_from_db()
    assert case.assignee == "budi"
    assert "petugas Budi Santoso (budi)" in admin.get("/admin/pengaduan/").text


def test_the_assignee_sees_their_cases_and_is_reminded(village, client_for):
    jlodro, admin = village
    case = case_create(provider=village_of(jlodro), submission=SUBMISSION)
    other = case_create(provider=village_of(jlodro), submission=SUBMISSION)
    admin.post(f"/admin/pengaduan/{case.pk}/tugaskan/", {"assignee": "budi"})
    budi = login_as(client_for(jlodro.domain), jlodro, username="budi", password=VILLAGE_USER_PASSWORD)
    mine = budi.get("/admin/pengaduan/?tampil=saya").text
    assert "1 ditugaskan kepada Anda" in mine and case.code in mine and other.code not in mine

    Case.objects.filter(pk=case.pk).update(due_on=timezone.localdate() + datetime.timedelta(days=1))
    mail.outbox.clear()
    assert cases_remind() == 1
    to_budi = [message for message in mail.outbox if message.to == ["budi@jlodro.desa.id"]]
    assert len(to_budi) == 1 and case.code in to_budi[0].body and other.code not in to_budi[0].body
    assert "Lampu" not in to_budi[0].body
