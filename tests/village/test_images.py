"""Images need alt text: the upload form refuses an image without a description."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from ..factories import in_village, login_as


def _upload():
    return SimpleUploadedFile("balai.png", get_test_image_file().file.getvalue(), content_type="image/png")


pytestmark = pytest.mark.django_db


def test_image_upload_without_alt_text_is_refused_in_indonesian(village_factory, client_for):
    village = village_factory("Jlodro")
    client = login_as(client_for(village.domain), village)
    form = client.get("/admin/images/add/")
    assert "Teks alternatif (deskripsi gambar)" in form.text
    response = client.post(
        "/admin/images/add/", {"title": "Balai desa", "file": _upload(), "description": ""}
    )
    assert response.status_code == 200
    assert "Teks alternatif wajib diisi." in response.text
    with in_village(village):
        assert not Image.objects.exists()
    response = client.post(
        "/admin/images/add/",
        {"title": "Balai desa", "file": _upload(), "description": "Balai desa tampak depan"},
    )
    assert response.status_code == 302, response.context["form"].errors
    with in_village(village):
        assert Image.objects.get().description == "Balai desa tampak depan"
