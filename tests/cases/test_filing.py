"""Filing a complaint on a village's contact page: a case with a tracking code, in the regency's case
store under that village; honeypot, size and rate limits (issue 27 item 9: only accepted messages count,
the refusal comes first on the page)."""

import re

import pytest
from django.core import mail

from villageweb.cases.forms import HONEYPOT_FIELD
from villageweb.cases.models import Case

from ..factories import village_of

pytestmark = pytest.mark.django_db

CODE = re.compile(r"TBN-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}")

MESSAGE = {
    "jenis": "pengaduan",
    "kategori": "infrastruktur",
    "perihal": "Lampu jalan mati",
    "pesan": "Lampu penerangan jalan di RT 03 mati sejak seminggu.",
    "nama": "Sri Lestari",
    "nomor_hp": "081234567890",
    "surel": "",
}


@pytest.fixture
def jlodro(village_factory):
    return village_factory("Jlodro")


def test_contact_page_is_the_complaint_form(jlodro, client_for):
    page = client_for(jlodro.domain).get("/kontak/")
    assert page.status_code == 200
    assert 'name="jenis"' in page.text and "Permohonan informasi" in page.text
    assert 'name="penyelenggara"' not in page.text  # the village's own site files with the village


def test_filed_complaint_gets_a_code_on_the_thank_you_page_and_is_the_villages(
    jlodro, village_factory, client_for
):
    wangi = village_factory("Wangi")
    response = client_for(jlodro.domain).post("/kontak/", {**MESSAGE, HONEYPOT_FIELD: ""})
    assert response.status_code == 200
    code = CODE.search(response.text).group(0)
    case = Case.objects.get(code=code)
    assert case.provider == village_of(jlodro) and case.submitted_to == village_of(jlodro)
    assert case.status == "diterima" and case.name == "Sri Lestari"
    assert not Case.objects.filter(provider=village_of(wangi)).exists()
    assert "Batas jawab" in response.text


def test_information_request_needs_name_purpose_and_a_way_to_answer(jlodro, client_for):
    response = client_for(jlodro.domain).post(
        "/kontak/", {**MESSAGE, "jenis": "informasi", "nama": "", "nomor_hp": "", "tujuan": ""}
    )
    assert response.status_code == 400
    assert "Nama wajib diisi untuk permohonan informasi" in response.text
    assert "Tuliskan untuk apa informasi ini" in response.text
    assert not Case.objects.exists()


def test_honeypot_filled_is_refused_with_400_and_nothing_stored(jlodro, client_for):
    response = client_for(jlodro.domain).post("/kontak/", {**MESSAGE, HONEYPOT_FIELD: "http://spam.example"})
    assert response.status_code == 400
    assert "kolom tersembunyi ikut terisi" in response.text
    assert "Lampu penerangan jalan" in response.text  # the form comes back with what was typed
    assert not Case.objects.exists()


def test_oversized_message_is_refused_with_a_clear_message(jlodro, client_for):
    response = client_for(jlodro.domain).post("/kontak/", {**MESSAGE, "pesan": "x" * 5001})
    assert response.status_code == 400
    assert "Pastikan nilai ini" in response.text or "paling banyak" in response.text
    assert not Case.objects.exists()


def test_only_accepted_messages_count_toward_the_limit_and_the_refusal_comes_first(
    jlodro, village_factory, client_for, settings
):
    settings.VILLAGEWEB_CONTACT_RATE_LIMIT = (2, 600)
    wangi = village_factory("Wangi")
    client = client_for(jlodro.domain)
    # Three invalid sends cost nothing.
    assert [client.post("/kontak/", {**MESSAGE, "pesan": ""}).status_code for _ in range(3)] == [400] * 3
    assert [client.post("/kontak/", MESSAGE).status_code for _ in range(2)] == [200, 200]
    refused = client.post("/kontak/", MESSAGE)
    assert refused.status_code == 429
    text = refused.text
    main = text[text.index("<main") :]
    # The refusal is the first thing in the page's content, before the office's details and the form.
    assert main.index("belum terkirim") < main.index('name="jenis"')
    assert "Kontak kantor" not in main[: main.index("belum terkirim")]
    assert "Lampu penerangan jalan" in text  # what was typed is kept
    assert Case.objects.count() == 2
    # The allowance is per provider: the same address can still write to another village.
    assert client_for(wangi.domain).post("/kontak/", MESSAGE).status_code == 200


def test_provider_limit_refuses_a_flood_from_many_addresses(jlodro, village_factory, client_for, settings):
    settings.VILLAGEWEB_CASE_PROVIDER_LIMIT = (3, 3600)
    wangi = village_factory("Wangi")
    statuses = [
        client_for(jlodro.domain, REMOTE_ADDR=f"10.0.0.{n}").post("/kontak/", MESSAGE).status_code
        for n in range(1, 6)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    assert client_for(wangi.domain, REMOTE_ADDR="10.0.0.9").post("/kontak/", MESSAGE).status_code == 200


def test_code_is_mailed_to_the_citizen_who_gave_an_address(
    jlodro, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(jlodro.domain).post("/kontak/", {**MESSAGE, "surel": "sri@example.id"})
    code = CODE.search(response.text).group(0)
    to_citizen = [message for message in mail.outbox if message.to == ["sri@example.id"]]
    assert len(to_citizen) == 1 and code in to_citizen[0].body


def test_portal_form_files_with_the_provider_the_citizen_chose(jlodro, village_factory, client_for):
    wangi = village_factory("Wangi")
    page = client_for("localhost").get("/pengaduan/")
    assert page.status_code == 200 and "Desa Wangi" in page.text and "Desa Jlodro" in page.text
    response = client_for("localhost").post("/pengaduan/", {**MESSAGE, "penyelenggara": village_of(wangi).pk})
    assert response.status_code == 200
    case = Case.objects.get(code=CODE.search(response.text).group(0))
    assert case.provider == village_of(wangi) and case.submitted_to.kind == "portal"
    missing = client_for("localhost").post("/pengaduan/", MESSAGE)
    assert missing.status_code == 400 and "Ditujukan kepada" in missing.text
