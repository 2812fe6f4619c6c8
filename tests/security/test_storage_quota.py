"""One village cannot fill the disk all villages share (issues #13 and #14): each has a storage quota
shown in its admin and raised by Diskominfo; an upload over it is refused in Indonesian with nothing
stored; and a full disk gives an Indonesian message with no row and no partial file left behind."""

import errno
import io
import os
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, UploadedFile

from provisioning.models import AuditEntry
from villageweb.media.disk_full import STORAGE_FULL_MESSAGE
from villageweb.news.models import NewsPage

from ..factories import in_village, login_as, make_diskominfo_staff, make_image, village_of

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024
REFUSED = "Ruang penyimpanan desa tidak cukup"


def _png(name="balai-desa.png", size=(120, 80)) -> SimpleUploadedFile:
    output = io.BytesIO()
    PILImage.effect_noise(size, 64).convert("RGB").save(output, format="PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")


def _pdf(name="perdes.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"x" * 4000, content_type="application/pdf")


def _media_files(village) -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / village.schema
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def _rows(village) -> tuple[int, int, int]:
    with in_village(village):
        counts = Image.objects.count(), Document.objects.count(), UploadedFile.objects.count()
    connection.set_schema_to_public()
    return counts


def _nearly_full(village, *, free: int) -> None:
    """The village's images take all of a 1 MB quota but `free` bytes."""
    with in_village(village):
        make_image("Foto lama")
        Image.objects.update(file_size=MEGABYTE - free)
    connection.set_schema_to_public()


@pytest.fixture
def jlodro(village_factory):
    return village_factory("Jlodro")


@pytest.fixture
def editor(jlodro, client_for):
    return login_as(client_for(jlodro.domain), jlodro)


def _root_collection(village) -> int:
    with in_village(village):
        return Collection.get_first_root_node().id


def test_village_dashboard_shows_the_storage_used_of_its_quota_in_indonesian(jlodro, editor):
    with in_village(jlodro):
        make_image("Tanpa ukuran")  # saved outside Wagtail's forms: no file_size yet
        make_image("Besar")
        Image.objects.filter(title="Besar").update(file_size=120 * MEGABYTE)
    connection.set_schema_to_public()

    page = editor.get("/admin/")

    assert page.status_code == 200
    assert "Ruang penyimpanan: 120 MB dari 1.024 MB terpakai" in page.text
    with in_village(jlodro):  # the image without a size was measured once and keeps it
        assert not Image.objects.filter(file_size=None).exists()


def test_image_upload_over_the_quota_is_refused_and_nothing_is_stored(jlodro, editor, settings):
    settings.VILLAGEWEB_STORAGE_QUOTA_MB = 1
    _nearly_full(jlodro, free=10)
    root = _root_collection(jlodro)
    rows, files = _rows(jlodro), _media_files(jlodro)

    single = editor.post(
        "/admin/images/add/",
        {"title": "Balai desa", "description": "Balai desa dari depan", "collection": root, "file": _png()},
    )
    multiple = editor.post("/admin/images/multiple/add/", {"files[]": _png("lagi.png"), "collection": root})

    assert single.status_code == 200 and REFUSED in single.text
    assert "minta Diskominfo menambah kuota" in single.text
    assert multiple.json()["success"] is False and REFUSED in multiple.json()["error_message"]
    assert _rows(jlodro) == rows
    assert _media_files(jlodro) == files


def test_document_upload_over_the_quota_is_refused_and_nothing_is_stored(jlodro, editor, settings):
    settings.VILLAGEWEB_STORAGE_QUOTA_MB = 1
    _nearly_full(jlodro, free=100)
    root = _root_collection(jlodro)
    rows, files = _rows(jlodro), _media_files(jlodro)

    single = editor.post("/admin/documents/add/", {"title": "Perdes", "collection": root, "file": _pdf()})
    multiple = editor.post(
        "/admin/documents/multiple/add/", {"files[]": _pdf("lagi.pdf"), "collection": root}
    )

    assert single.status_code == 200 and REFUSED in single.text
    assert multiple.json()["success"] is False and REFUSED in multiple.json()["error_message"]
    assert _rows(jlodro) == rows
    assert _media_files(jlodro) == files


def _news_form(**changes) -> dict:
    data = {
        "title": "Kerja bakti saluran air Dusun Krajan",
        "date": timezone.localdate().isoformat(),
        "summary": "Warga Dusun Krajan membersihkan saluran air sebelum musim hujan.",
        "body": "Sebanyak 40 warga hadir.",
        "photos": _png("kerja-bakti.png", size=(300, 200)),
        "alt_1": "Warga membersihkan saluran air",
        "action": "submit",
        "submission_key": str(uuid.uuid4()),  # Tulis Kabar's one-time key (a form without it saves nothing)
    }
    data.update(changes)
    return data


def _news_count(village) -> int:
    with in_village(village):
        count = NewsPage.objects.count()
    connection.set_schema_to_public()
    return count


def test_tulis_kabar_photo_over_the_quota_is_refused_and_nothing_is_stored(jlodro, editor, settings):
    settings.VILLAGEWEB_STORAGE_QUOTA_MB = 1
    _nearly_full(jlodro, free=10)
    rows, files, news = _rows(jlodro), _media_files(jlodro), _news_count(jlodro)

    response = editor.post("/admin/tulis-kabar/", _news_form())

    assert response.status_code == 200 and REFUSED in response.text
    assert _rows(jlodro) == rows and _news_count(jlodro) == news
    assert _media_files(jlodro) == files


def test_diskominfo_raises_the_quota_with_a_reason_in_the_audit_log_and_the_upload_then_fits(
    jlodro, editor, client_for, settings
):
    settings.VILLAGEWEB_STORAGE_QUOTA_MB = 1
    _nearly_full(jlodro, free=10)
    staff = client_for("localhost")
    staff.force_login(make_diskominfo_staff())
    url = f"/admin/desa/{jlodro.code}/storage-quota/"

    detail = staff.get(f"/admin/desa/{jlodro.code}/")
    without_reason = staff.post(url, {"megabytes": "2048", "reason": " "})

    assert "Ruang penyimpanan: 1,0 MB dari 1 MB terpakai" in detail.text
    assert without_reason.status_code == 400 and "tidak dijalankan tanpa alasan" in without_reason.text
    assert village_of(jlodro).storage_quota_mb is None
    assert (
        not AuditEntry.objects.filter(village_code=jlodro.code)
        .exclude(action=AuditEntry.Action.PROVISION)
        .exists()
    )

    done = staff.post(url, {"megabytes": "2048", "reason": "Galeri foto HUT desa"}, follow=True)

    assert "Kuota penyimpanan Desa Jlodro: 1 MB → 2.048 MB." in done.text
    assert village_of(jlodro).storage_quota_mb == 2048
    entry = (
        AuditEntry.objects.filter(village_code=jlodro.code).exclude(action=AuditEntry.Action.PROVISION).get()
    )
    assert entry.action == AuditEntry.Action.STORAGE_QUOTA and entry.actor == "budi"
    assert entry.detail == "1 MB → 2.048 MB" and entry.reason == "Galeri foto HUT desa"
    upload = editor.post(
        "/admin/images/add/",
        {
            "title": "Balai desa",
            "description": "Balai desa dari depan",
            "collection": _root_collection(jlodro),
            "file": _png(),
        },
    )
    assert upload.status_code == 302
    assert "dari 2.048 MB terpakai" in editor.get("/admin/").text


@pytest.fixture
def full_disk(monkeypatch):
    """The disk fills up halfway through writing a file: FileSystemStorage leaves the partial file."""

    def write_half_then_fail(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as partial:
            partial.write(content.read(64))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", write_half_then_fail)


@pytest.mark.django_db(transaction=True)
def test_a_full_disk_gives_an_indonesian_message_and_leaves_no_row_and_no_partial_file(
    transactional_village_factory, client_for, full_disk
):
    # Committing for real, as production does: inside a test's transaction, the failed insert of
    # Wagtail's multiple upload (no atomic block of its own) would break the test's transaction.
    jlodro = transactional_village_factory("Jlodro")
    editor = login_as(client_for(jlodro.domain), jlodro)
    root = _root_collection(jlodro)
    rows, files = _rows(jlodro), _media_files(jlodro)

    single = editor.post(
        "/admin/images/add/",
        {"title": "Balai desa", "description": "Balai desa dari depan", "collection": root, "file": _png()},
    )
    document = editor.post("/admin/documents/add/", {"title": "Perdes", "collection": root, "file": _pdf()})
    multiple = editor.post(
        "/admin/documents/multiple/add/", {"files[]": _pdf("lagi.pdf"), "collection": root}
    )

    for response in (single, document):
        assert response.status_code == 507 and response["Content-Language"] == "id"
        assert "ruang penyimpanan server sedang penuh" in response.text
    assert multiple.json() == {"success": False, "error_message": STORAGE_FULL_MESSAGE}
    assert _rows(jlodro) == rows
    assert _media_files(jlodro) == files
    assert client_for(jlodro.domain).get("/").status_code == 200  # the site keeps serving


def test_tulis_kabar_on_a_full_disk_shows_the_message_in_its_form_and_stores_nothing(
    jlodro, editor, full_disk
):
    rows, files, news = _rows(jlodro), _media_files(jlodro), _news_count(jlodro)

    response = editor.post("/admin/tulis-kabar/", _news_form())

    assert response.status_code == 200 and STORAGE_FULL_MESSAGE in response.text
    assert _rows(jlodro) == rows and _news_count(jlodro) == news
    assert _media_files(jlodro) == files
