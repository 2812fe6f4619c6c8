"""Files waiting in Wagtail's multiple upload count against the quota and do not stay for ever
(issue #26, item 6).

An image whose title is over 255 characters (the file's name) does not become an Image: Wagtail keeps
it as an UploadedFile until the editor fixes the title. Before the fix the quota never counted those
files and nothing removed them: 4.2 MB were stored under a 1 MB quota.
"""

import datetime
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import UploadedFile

from provisioning.jobs.services import abandoned_uploads_remove
from tenants.models import Village

from ..factories import in_village, login_as

pytestmark = pytest.mark.django_db


def _noise_png(name: str) -> SimpleUploadedFile:
    """About 600 KB that no compression shrinks."""
    image = PILImage.frombytes("RGB", (450, 450), os.urandom(450 * 450 * 3))
    output = io.BytesIO()
    image.save(output, format="PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")


def test_waiting_uploads_count_against_the_quota_and_abandoned_ones_are_removed(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    Village.objects.filter(schema_name=jlodro.schema).update(storage_quota_mb=1)
    client = login_as(client_for(jlodro.domain), jlodro)
    long_name = "foto-" + "x" * 300 + ".png"

    first = client.post("/admin/images/multiple/add/", {"files[]": _noise_png(long_name)}).json()
    assert first["success"] is True  # kept waiting for a shorter title
    second = client.post("/admin/images/multiple/add/", {"files[]": _noise_png(long_name)}).json()
    assert second["success"] is False
    assert "Ruang penyimpanan desa tidak cukup" in second["error_message"]

    with in_village(jlodro):
        waiting = UploadedFile.objects.get()
        path = waiting.file.path
        assert os.path.getsize(path) > 500_000
        assert abandoned_uploads_remove() == 0  # an editor may still be completing it
        old = (timezone.now() - datetime.timedelta(days=2)).timestamp()
        os.utime(path, (old, old))
        assert abandoned_uploads_remove() == 1
        assert not UploadedFile.objects.exists() and not os.path.exists(path)

    third = client.post("/admin/images/multiple/add/", {"files[]": _noise_png(long_name)}).json()
    assert third["success"] is True  # the room is free again
