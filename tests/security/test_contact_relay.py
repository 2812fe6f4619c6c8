"""Issue 26 item 12: the contact form relayed mail to any recipient and subject a village admin typed.
Notices of a new case now go only to the provider's own user accounts' addresses, with a fixed subject."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from villageweb.village.models import ContactPage

from ..factories import in_village, make_village_user

pytestmark = pytest.mark.django_db

MESSAGE = {
    "jenis": "pengaduan",
    "kategori": "lainnya",
    "perihal": "Beli obat murah",
    "pesan": "Kunjungi situs kami.",
}


def test_recipients_and_subject_typed_into_the_page_are_never_used(
    village_factory, client_for, django_capture_on_commit_callbacks
):
    jlodro = village_factory("Jlodro")
    official = make_village_user(jlodro, "sekdes", None)
    with in_village(jlodro):
        official.email = "sekdes@jlodro.desa.id"
        official.save()
        page = ContactPage.objects.get()
        page.to_address = "victim1@example.com, victim2@example.com"
        page.subject = "Anda menang undian"
        page.from_address = "bupati@tubankab.go.id"
        page.save_revision().publish()
    connection.set_schema_to_public()
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(jlodro.domain).post("/kontak/", MESSAGE).status_code == 200
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {"sekdes@jlodro.desa.id"}
    notice = mail.outbox[0]
    assert "undian" not in notice.subject
    assert notice.from_email == settings.VILLAGEWEB_CONTACT_FROM_EMAIL  # never the page's from_address
    # The notice points to the inbox, where every access is logged; what the citizen typed stays out.
    assert "Kunjungi situs kami" not in notice.body
