"""No stored image tells where it was taken (issue #26, item 5).

A phone photo with a GPS position, an owner's comment and a sideways orientation goes in through the
admin's single and multiple upload, and comes back in a restored archive: every stored original and
every rendition has no EXIF, XMP or comment left, and the picture is upright (width and height as the
viewer sees it). Before the fix the admin upload kept the GPS tags in the original and the renditions.
"""

import io
import tarfile
from pathlib import PurePosixPath

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import UploadedFile

from provisioning.services.archive import _media_stage
from villageweb.media.image_metadata import image_strip

from ..factories import in_village, login_as

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def phone_photo() -> bytes:
    """A 60 x 30 JPEG, stored sideways with orientation 6 (show rotated 90°), GPS and a comment."""
    image = PILImage.new("RGB", (60, 30), "red")
    exif = image.getexif()
    exif[0x0112] = 6
    exif[0x010F] = "PonselMerek"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "S", 2: (6.0, 53.0, 52.0), 3: "E", 4: (112.0, 3.0, 7.0)})
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif, comment=b"rumah Pak Kades")
    return output.getvalue()


def assert_clean(data: bytes, *, size=(30, 60)) -> None:
    with PILImage.open(io.BytesIO(data)) as image:
        assert not image.getexif(), dict(image.getexif())
        assert "comment" not in image.info and "exif" not in image.info and "xmp" not in image.info
        assert image.size == size
    assert b"Pak Kades" not in data and b"PonselMerek" not in data


def test_the_phone_photo_really_carries_what_must_go():
    with PILImage.open(io.BytesIO(phone_photo())) as image:
        assert image.getexif().get_ifd(GPS_IFD) and image.info["comment"] == b"rumah Pak Kades"
    assert image_strip(image_strip(phone_photo())) is None  # a clean file is left as it is


def test_admin_uploads_store_no_location_and_renditions_neither(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = login_as(client_for(jlodro.domain), jlodro)
    single = client.post(
        "/admin/images/add/",
        {
            "title": "Rumah warga",
            "description": "Rumah warga tampak depan",
            "file": SimpleUploadedFile("rumah.jpg", phone_photo(), content_type="image/jpeg"),
        },
    )
    assert single.status_code == 302, single.context["form"].errors
    multiple = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("jalan.jpg", phone_photo(), content_type="image/jpeg")},
    )
    assert multiple.json()["success"] is True  # waits for its alt text as an UploadedFile
    with in_village(jlodro):
        with UploadedFile.objects.get().file.open("rb") as handle:
            assert_clean(handle.read())
        for image in Image.objects.all():
            with image.open_file() as handle:
                stored = handle.read()
            assert_clean(stored)
            assert (image.width, image.height) == (30, 60)
            assert image.file_size == len(stored)
            rendition = image.get_rendition("fill-20x40|format-jpeg")
            with rendition.file.open("rb") as handle:
                assert_clean(handle.read(), size=(20, 40))
            og = image.get_rendition("max-1200x630")
            with og.file.open("rb") as handle:
                assert_clean(handle.read())


def test_a_restored_archive_stores_no_location(tmp_path):
    photo = phone_photo()
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        info = tarfile.TarInfo("media/original_images/rumah.jpg")
        info.size = len(photo)
        tar.addfile(info, io.BytesIO(photo))
    archive.seek(0)
    with tarfile.open(fileobj=archive) as tar:
        member = tar.getmember("media/original_images/rumah.jpg")
        _media_stage(tar, [(member, PurePosixPath("original_images/rumah.jpg"))], tmp_path)
    assert_clean((tmp_path / "original_images" / "rumah.jpg").read_bytes())
