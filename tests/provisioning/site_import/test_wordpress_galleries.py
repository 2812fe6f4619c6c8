"""WordPress galleries ([gallery] shortcodes and both generations of Gutenberg's gallery block) become
the village's gallery albums, besides the gallery inside the post."""

import json
from pathlib import Path

import pytest
from wagtail.images import get_image_model

from tests.conftest import host_client
from tests.factories import command_run, in_village
from tests.provisioning.site_import.media import wordpress_gallery_uploads
from villageweb.news.models import NewsPage
from villageweb.village.models import GalleryAlbumPage

EXPORT = Path(__file__).parent / "fixtures" / "wordpress-galleries.xml"


def _import(village, media) -> dict:
    output = command_run(
        "import_site", "--village", village.code, "--wordpress", str(EXPORT), "--media", str(media), "--json"
    )
    return json.loads(output)


@pytest.fixture
def imported(village_factory, tmp_path):
    village = village_factory()
    media = wordpress_gallery_uploads(tmp_path / "uploads")
    return village, _import(village, media), media


def _albums() -> dict[str, list[tuple[str, str]]]:
    return {
        album.title: [(photo.image.title, photo.caption) for photo in album.gallery_images.all()]
        for album in GalleryAlbumPage.objects.live().order_by("title")
    }


def test_every_public_gallery_becomes_an_album_with_its_photos_and_captions(imported):
    village, report, _media = imported
    assert report["counts"]["albums"] == 4
    with in_village(village):
        assert _albums() == {
            # [gallery ids="60,61"] in a classic-editor post
            "Lomba Tujuh Belasan": [("lomba-1", "Lomba balap karung"), ("lomba-2", "Lomba makan kerupuk")],
            # WordPress 5.9+ Gutenberg gallery: one nested image block per photo
            "Upacara HUT RI ke-79": [("upacara-1", "Pengibaran bendera"), ("upacara-2", "")],
            # WordPress 5.0-5.8 Gutenberg gallery: the ids in the block's attributes
            "Karnaval Budaya Desa": [("karnaval", "Karnaval budaya"), ("lomba-1", "Lomba balap karung")],
            # [gallery] without ids on a page: the page's own attachments, as WordPress shows them
            "Posyandu Agustus": [("posyandu", "Penimbangan balita")],
        }
        # The password-protected post's photos stay inside it: an album is public.
        assert not GalleryAlbumPage.objects.filter(title__startswith="Rapat").exists()
        assert get_image_model().objects.count() == 6  # a photo in two albums is stored once
        album = GalleryAlbumPage.objects.get(title="Lomba Tujuh Belasan")
        assert str(album.date) == "2024-08-17"
        # The post keeps its gallery in its body too.
        news = NewsPage.objects.get(title="Upacara HUT RI ke-79")
        galleries = [block.value for block in news.body if block.block_type == "gallery"]
        assert [[image.title for image in gallery["images"]] for gallery in galleries] == [
            ["upacara-1", "upacara-2"]
        ]
        album_url = album.url
    client = host_client(village.domain)
    index = client.get("/galeri/").content.decode()
    assert "Lomba Tujuh Belasan" in index and "Rapat Internal" not in index
    page = client.get(album_url)
    assert page.status_code == 200 and "Lomba makan kerupuk" in page.content.decode()


def test_importing_again_updates_the_albums_instead_of_adding_copies(imported):
    village, _report, media = imported
    again = _import(village, media)
    assert again["counts"].get("albums", 0) == 0 and again["updated"]["albums"] == 4
    with in_village(village):
        assert GalleryAlbumPage.objects.count() == 4
        assert len(_albums()["Karnaval Budaya Desa"]) == 2
