"""The complaint form: honeypot and rate limit refuse politely; real messages stay in their village."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from villageweb.village.contact import HONEYPOT_FIELD
from villageweb.village.models import ContactPage

from ..factories import in_village, login_as

pytestmark = pytest.mark.django_db

MESSAGE = {
    "nama": "Sri Lestari",
    "nomor_hp_atau_whatsapp": "081234567890",
    "surel": "",
    "jenis_pesan": "Pengaduan",
    "pesan": "Lampu penerangan jalan di RT 03 mati sejak seminggu.",
}


def _submissions(village):
    with in_village(village):
        return list(FormSubmission.objects.values_list("form_data", flat=True))


def test_real_message_is_stored_in_its_own_village_only(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    response = client_for(jlodro.domain).post("/kontak/", {**MESSAGE, HONEYPOT_FIELD: ""})
    assert response.status_code == 200
    assert "pesan Anda sudah kami terima" in response.text
    stored = _submissions(jlodro)
    assert len(stored) == 1 and stored[0]["pesan"] == MESSAGE["pesan"]
    assert HONEYPOT_FIELD not in stored[0]
    assert _submissions(wangi) == []


def test_submission_is_listed_in_the_village_admin_forms_not_the_neighbours(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    client_for(jlodro.domain).post("/kontak/", MESSAGE)
    with in_village(jlodro):
        jlodro_form = ContactPage.objects.get().pk
    with in_village(wangi):
        wangi_form = ContactPage.objects.get().pk
    jlodro_admin = login_as(client_for(jlodro.domain), jlodro)
    assert "Lampu penerangan jalan" in jlodro_admin.get(f"/admin/forms/submissions/{jlodro_form}/").text
    wangi_admin = login_as(client_for(wangi.domain), wangi)
    assert "Lampu penerangan jalan" not in wangi_admin.get(f"/admin/forms/submissions/{wangi_form}/").text


def test_honeypot_filled_is_refused_with_400_and_nothing_stored(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    response = client_for(jlodro.domain).post("/kontak/", {**MESSAGE, HONEYPOT_FIELD: "http://spam.example"})
    assert response.status_code == 400
    assert "kolom tersembunyi ikut terisi" in response.text
    assert "Lampu penerangan jalan" in response.text  # the form comes back with what was typed
    assert _submissions(jlodro) == []


def test_too_many_posts_from_one_address_get_429(village_factory, client_for, settings):
    settings.VILLAGEWEB_CONTACT_RATE_LIMIT = (2, 600)
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    client = client_for(jlodro.domain)
    assert [client.post("/kontak/", MESSAGE).status_code for _ in range(2)] == [200, 200]
    refused = client.post("/kontak/", MESSAGE)
    assert refused.status_code == 429
    assert "Terlalu banyak pesan" in refused.text
    assert len(_submissions(jlodro)) == 2
    # The allowance is per village: the same address can still write to another village.
    assert client_for(wangi.domain).post("/kontak/", MESSAGE).status_code == 200


def test_invalid_message_is_refused_with_400_and_field_errors(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    response = client_for(jlodro.domain).post("/kontak/", {**MESSAGE, "pesan": ""})
    assert response.status_code == 400
    assert "Pesan belum terkirim" in response.text
    assert _submissions(jlodro) == []


def test_notification_mail_goes_to_the_address_the_village_set(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        page = ContactPage.objects.get()
        page.to_address = "pengaduan@jlodro.desa.id"
        page.from_address = "situs@jlodro.desa.id"
        page.save_revision().publish()
    client_for(jlodro.domain).post("/kontak/", MESSAGE)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pengaduan@jlodro.desa.id"]
    assert "Lampu penerangan jalan" in mail.outbox[0].body
