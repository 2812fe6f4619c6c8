"""Issue 26 item 12: the contact form relayed mail to any recipient and subject a village admin typed.
Notices of a new case now go only to addresses their owners confirmed (`NoticeAddress`), with a fixed
subject, from the platform's address, and without anything the citizen typed."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from villageweb.village.models import ContactPage

from ..factories import in_village, login_as

pytestmark = pytest.mark.django_db

MESSAGE = {
    "jenis": "pengaduan",
    "kategori": "lainnya",
    "perihal": "Beli obat murah",
    "pesan": "Kunjungi situs kami.",
}


def test_typed_recipients_get_nothing_and_confirmed_ones_get_a_plain_notice(
    village_factory, client_for, django_capture_on_commit_callbacks
):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    with in_village(jlodro):
        page = ContactPage.objects.get()
        page.to_address = "victim1@example.com, victim2@example.com"
        page.subject = "Anda menang undian"
        page.from_address = "bupati@tubankab.go.id"
        page.save_revision().publish()
    connection.set_schema_to_public()
    admin = login_as(client_for(jlodro.domain), jlodro)
    with django_capture_on_commit_callbacks(execute=True):
        admin.post("/admin/pengaduan/pemberitahuan/", {"email": "victim3@example.com"})
        admin.post("/admin/pengaduan/pemberitahuan/", {"email": "sekdes@jlodro.desa.id"})
    # Each typed address gets exactly one mail: the confirmation link, nothing of a citizen's.
    assert sorted(m.to[0] for m in mail.outbox) == ["sekdes@jlodro.desa.id", "victim3@example.com"]
    link = re.search(r"http://\S+/pengaduan/konfirmasi-surel/\S+/", mail.outbox[1].body).group(0)
    path = link.split(jlodro.domain, 1)[1].split("/", 1)[1]
    # A link is good on its own village's host only.
    assert client_for(wangi.domain).get(f"/{path}").status_code == 404
    assert client_for(jlodro.domain).get(f"/{path}").status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(jlodro.domain).post("/kontak/", MESSAGE).status_code == 200
    assert [m.to for m in mail.outbox] == [["sekdes@jlodro.desa.id"]]
    notice = mail.outbox[0]
    assert "undian" not in notice.subject
    assert notice.from_email == settings.VILLAGEWEB_CONTACT_FROM_EMAIL  # never the page's from_address
    # The notice points to the inbox, where every access is logged; what the citizen typed stays out.
    assert "Kunjungi situs kami" not in notice.body
    assert client_for(jlodro.domain).get("/pengaduan/konfirmasi-surel/rusak/").status_code == 404
