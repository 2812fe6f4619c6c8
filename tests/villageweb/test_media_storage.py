"""Village media in an S3 bucket: each village's objects under its own schema prefix; on a local
disk: a failed write leaves no file.

No S3-compatible server can be started on the test machines, so these tests check the keys and
URLs the backend computes (django-storages builds both without a request); uploading to a real
bucket is documented as untested in docs/scaling.md.
"""

import errno
import io

import pytest
from django.core.exceptions import SuspiciousOperation
from django.core.files.base import ContentFile, File

from villageweb.media.storage import VillageFileSystemStorage, VillageS3Storage

from ..factories import in_village

pytestmark = pytest.mark.django_db


def _storage() -> VillageS3Storage:
    return VillageS3Storage(
        bucket_name="media-desa",
        custom_domain="media.tubankab.go.id",
        querystring_auth=False,
        location="ignored-prefix",
    )


def test_each_village_keys_and_urls_are_under_its_own_schema(village_factory):
    jlodro, wangi = village_factory("Jlodro"), village_factory("Wangi")
    storage = _storage()
    with in_village(jlodro):
        jlodro_key = storage._normalize_name("original_images/foto.png")
        jlodro_url = storage.url("original_images/foto.png")
    with in_village(wangi):
        wangi_key = storage._normalize_name("original_images/foto.png")
    assert jlodro_key == f"{jlodro.schema}/original_images/foto.png"
    assert wangi_key == f"{wangi.schema}/original_images/foto.png"
    assert jlodro_url == f"https://media.tubankab.go.id/{jlodro.schema}/original_images/foto.png"


def test_a_name_cannot_climb_into_another_village_prefix(village_factory):
    jlodro, wangi = village_factory("Jlodro"), village_factory("Wangi")
    storage = _storage()
    with in_village(jlodro), pytest.raises(SuspiciousOperation):
        storage._normalize_name(f"../{wangi.schema}/original_images/foto.png")


def test_the_settings_switch_selects_the_bucket(monkeypatch):
    import importlib

    import villageweb.settings.base as base

    monkeypatch.setenv("VILLAGEWEB_MEDIA_STORAGE", "s3")
    monkeypatch.setenv("VILLAGEWEB_S3_BUCKET", "media-desa")
    try:
        switched = importlib.reload(base)
        assert switched.STORAGES["default"]["BACKEND"] == "villageweb.media.storage.VillageS3Storage"
        assert switched.STORAGES["default"]["OPTIONS"]["bucket_name"] == "media-desa"
    finally:
        monkeypatch.delenv("VILLAGEWEB_MEDIA_STORAGE")
        importlib.reload(base)
    assert base.STORAGES["default"]["BACKEND"] == "villageweb.media.storage.VillageFileSystemStorage"


class _DiskFullUpload(File):
    """An upload whose second chunk cannot be written, as when the media disk fills up mid-file."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.4 first chunk"
        raise OSError(errno.ENOSPC, "No space left on device")


def test_an_upload_that_fails_half_way_leaves_no_file_behind(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    storage = VillageFileSystemStorage()
    with pytest.raises(OSError):
        storage.save("documents/laporan.pdf", _DiskFullUpload(io.BytesIO(), name="laporan.pdf"))
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_a_complete_upload_keeps_its_name_and_never_replaces_another(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    storage = VillageFileSystemStorage()
    first = storage.save("documents/laporan.pdf", ContentFile(b"APBDes 2026"))
    second = storage.save("documents/laporan.pdf", ContentFile(b"APBDes 2027"))
    assert first == "documents/laporan.pdf"
    assert second != first and second.startswith("documents/laporan")
    assert storage.open(first).read() == b"APBDes 2026"
    assert storage.open(second).read() == b"APBDes 2027"
    assert sorted(path.name for path in tmp_path.rglob("*") if path.is_file()) == sorted(
        [first.split("/")[-1], second.split("/")[-1]]
    )
