"""Images stored before metadata was stripped at save are cleaned once by `strip_image_metadata`
(issue #26, item 5's remainder).

A phone photo with its GPS position, camera make, a comment and a sideways orientation is stored the
old way (the file as it came, its row with the stored width and height and a focal point, a rendition
made from it, a news page on the portal with its thumbnail). The command cleans it: a new original
without metadata, upright, the row following it, the old original and renditions gone, the portal's
thumbnail rebuilt; a second run changes nothing; `--village` touches one village only.
"""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.images.models import Image

from villageweb.media.image_metadata import image_strip
from villageweb.portal.federation.models import FederatedNewsItem

from ..factories import command_run, in_village, make_news_page
from .test_image_metadata import GPS_IFD, assert_clean, phone_photo

pytestmark = pytest.mark.django_db


def stored_the_old_way(name: str) -> Image:
    """The photo written as the admin stored it before the fix: bytes untouched, Django's raw size."""
    photo = phone_photo()
    relative = f"original_images/{name}"
    path = Path(default_storage.path(relative))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(photo)
    return Image.objects.create(
        title="Rumah warga",
        description="Rumah warga tampak depan",
        file=relative,  # a stored name: nothing is written or cleaned at save
        width=60,
        height=30,
        file_size=len(photo),
        focal_point_x=10,
        focal_point_y=5,
        focal_point_width=8,
        focal_point_height=8,
    )


def has_location(path: str) -> bool:
    with PILImage.open(path) as image:
        return bool(image.getexif().get_ifd(GPS_IFD))


def test_an_image_stored_before_the_fix_is_cleaned_once_and_nothing_is_lost(
    transactional_village_factory, client_for
):
    jlodro = transactional_village_factory("Jlodro")
    with in_village(jlodro):
        image = stored_the_old_way("rumah.jpg")
        old_original = default_storage.path(image.file.name)
        old_rendition = image.get_rendition("fill-20x40|format-jpeg")
        old_rendition_path = default_storage.path(old_rendition.file.name)
        assert has_location(old_original) and has_location(old_rendition_path)  # what the attack reads
        make_news_page("Bedah rumah warga", image=image)
    item = FederatedNewsItem.objects.get(village__code=jlodro.code)
    old_thumbnail = item.thumbnail_path

    output = command_run("strip_image_metadata", village=jlodro.code)  # commits, as on the server

    assert f"{jlodro.code} Desa Jlodro: 1 gambar dibersihkan, 0 sudah bersih" in output
    assert "Selesai: 1 gambar dibersihkan di 1 situs." in output
    with in_village(jlodro):
        image.refresh_from_db()
        assert image.file.name != "original_images/rumah.jpg"
        with image.open_file() as handle:
            stored = handle.read()
        assert_clean(stored)  # no GPS, make or comment; upright: 30 wide, 60 high
        assert (image.width, image.height) == (30, 60)
        assert image.file_size == len(stored) and image.file_hash
        assert image.focal_point_x is None  # it was placed on the sideways picture
        assert not Path(old_original).exists() and not Path(old_rendition_path).exists()
        assert not image.renditions.filter(pk=old_rendition.pk).exists()  # the portal made its own anew
        rebuilt = image.get_rendition("fill-20x40|format-jpeg")
        with rebuilt.file.open("rb") as handle:
            assert_clean(handle.read(), size=(20, 40))
        assert client_for(jlodro.domain).get(image.file.url).status_code == 200
    item.refresh_from_db()
    assert item.thumbnail_path != old_thumbnail
    thumbnail = client_for(jlodro.domain).get(item.thumbnail_path)
    assert thumbnail.status_code == 200, item.thumbnail_path

    again = command_run("strip_image_metadata", village=jlodro.code)
    assert f"{jlodro.code} Desa Jlodro: 0 gambar dibersihkan, 1 sudah bersih" in again
    with in_village(jlodro):
        assert Image.objects.get().file.name == image.file.name


def test_one_village_is_cleaned_without_touching_another(village_factory, django_capture_on_commit_callbacks):
    jlodro, tasik = village_factory("Jlodro"), village_factory("Tasikmadu")
    for village in (jlodro, tasik):
        with in_village(village):
            stored_the_old_way("jalan.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        command_run("strip_image_metadata", village=jlodro.code)
    with in_village(jlodro):
        with Image.objects.get().open_file() as handle:
            assert image_strip(handle.read()) is None
    with in_village(tasik):
        assert has_location(default_storage.path(Image.objects.get().file.name))

    with django_capture_on_commit_callbacks(execute=True):
        everywhere = command_run("strip_image_metadata")
    assert f"{tasik.code} Desa Tasikmadu: 1 gambar dibersihkan" in everywhere
    assert f"{jlodro.code} Desa Jlodro: 0 gambar dibersihkan, 1 sudah bersih" in everywhere
    assert "portal " in everywhere


def test_a_missing_original_is_reported_and_the_rest_still_cleaned(
    village_factory, django_capture_on_commit_callbacks
):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        lost = stored_the_old_way("hilang.jpg")
        Path(default_storage.path(lost.file.name)).unlink()
        kept = stored_the_old_way("ada.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        output = command_run("strip_image_metadata", village=jlodro.code)
    assert "1 gambar dibersihkan, 0 sudah bersih, 1 tidak terbaca" in output
    with in_village(jlodro):
        assert Image.objects.filter(pk=lost.pk).exists()
        with Image.objects.get(pk=kept.pk).open_file() as handle:
            assert image_strip(handle.read()) is None


def test_an_unknown_code_is_refused_in_indonesian(db, platform):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Situs dengan kode 35.23.99.9999 tidak ditemukan"):
        command_run("strip_image_metadata", village="35.23.99.9999")
