"""Documents have a size limit like images: a larger upload gets an Indonesian message, and
nothing is written (no row, no file)."""

import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from ..factories import in_village, login_as

pytestmark = pytest.mark.django_db


def _stored_files(village) -> list[str]:
    folder = os.path.join(settings.MEDIA_ROOT, village.schema, "documents")
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def test_document_over_the_size_limit_is_refused_and_nothing_is_written(
    village_factory, client_for, settings
):
    settings.VILLAGEWEB_DOCUMENT_MAX_UPLOAD_SIZE = 1000
    jlodro = village_factory("Jlodro")
    client = login_as(client_for(jlodro.domain), jlodro)
    with in_village(jlodro):
        root = Collection.get_first_root_node().id
    before = _stored_files(jlodro)
    big = SimpleUploadedFile("perdes-besar.pdf", b"%PDF-1.4\n" + b"x" * 2000, content_type="application/pdf")
    response = client.post("/admin/documents/add/", {"title": "Perdes", "collection": root, "file": big})
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.text and "paling besar" in response.text
    multiple = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("lagi.pdf", b"%PDF-1.4\n" + b"y" * 2000), "collection": root},
    )
    assert multiple.json()["success"] is False
    assert "Berkas terlalu besar" in multiple.json()["error_message"]
    with in_village(jlodro):
        assert Document.objects.count() == 0
    assert _stored_files(jlodro) == before

    small = SimpleUploadedFile("perdes.pdf", b"%PDF-1.4\nkecil", content_type="application/pdf")
    response = client.post("/admin/documents/add/", {"title": "Perdes", "collection": root, "file": small})
    assert response.status_code == 302
    with in_village(jlodro):
        assert Document.objects.count() == 1
