"""Each village's storage quota, so that one village cannot fill the disk all villages share.

What counts: the originals of the village's images and documents, read from the `file_size` columns
of its own schema (two small queries, no walk over the media folder). Renditions are not counted: they
are made from the originals, Wagtail keeps no size for them, and they can be deleted and made again.
Files waiting in Wagtail's multiple upload (its UploadedFile rows: an image whose title or another
field did not pass, kept until the editor completes it) count too, measured from the storage; a daily
job removes the ones left waiting (provisioning.jobs.services.abandoned_uploads_remove).

The quota is Village.storage_quota_mb, or VILLAGEWEB_STORAGE_QUOTA_MB when Diskominfo set none. The
admin's image and document forms and Tulis Kabar call `storage_quota_check` before anything is stored.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, Sum
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from tenants.models import Village

MEGABYTE = 1024 * 1024


class StorageQuotaExceeded(Exception):
    """An upload that does not fit in the village's quota. The message is for the editor."""


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def size_text(size: int) -> str:
    """Sizes the Indonesian way: 1073741824 -> "1.024 MB", 3355443 -> "3,2 MB", 2048 -> "2 KB"
    (at 1.000 KB and over in MB, so that no size reads "1.024 KB")."""
    size = max(int(size), 0)
    if size >= 10 * MEGABYTE or (size and size % MEGABYTE == 0):
        return f"{_grouped(round(size / MEGABYTE))} MB"
    if size >= 1000 * 1024:
        return f"{size / MEGABYTE:.1f}".replace(".", ",") + " MB"
    return f"{_grouped(max(round(size / 1024), 1 if size else 0))} KB"


@dataclass(frozen=True)
class StorageUsage:
    used: int
    quota: int

    @property
    def free(self) -> int:
        return max(self.quota - self.used, 0)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.used / self.quota)) if self.quota else 100

    @property
    def text(self) -> str:
        return f"Ruang penyimpanan: {size_text(self.used)} dari {size_text(self.quota)} terpakai"


def _used_by(model) -> int:
    """Sum of the model's file sizes in the current schema. Rows saved without a size (by code that
    skipped Wagtail's forms) are measured once from the storage and keep the size, so the next sum is
    one query again."""
    totals = model.objects.aggregate(total=Sum("file_size"), missing=Count("pk", filter=Q(file_size=None)))
    total = totals["total"] or 0
    if totals["missing"]:
        for row in model.objects.filter(file_size=None).only("pk", "file"):
            try:
                size = row.file.storage.size(row.file.name)
            except OSError:
                continue  # the file is missing: it takes no room
            model.objects.filter(pk=row.pk).update(file_size=size)
            total += size
    return total


def _used_by_uploads() -> int:
    """Bytes of the files waiting in Wagtail's multiple upload: a few at most, each measured."""
    total = 0
    for upload in UploadedFile.objects.only("pk", "file"):
        try:
            total += upload.file.storage.size(upload.file.name)
        except OSError:
            continue  # the file is missing: it takes no room
    return total


def storage_used_bytes() -> int:
    """Bytes the current schema's images, documents and waiting uploads take (their originals)."""
    return _used_by(get_image_model()) + _used_by(get_document_model()) + _used_by_uploads()


def _current_village() -> Village | None:
    village = Village.objects.filter(schema_name=connection.schema_name).first()
    return village if village is not None and village.is_site else None


def storage_usage(village: Village | None = None) -> StorageUsage | None:
    """The village's usage and quota (the current schema's village by default); None on the portal."""
    village = village or _current_village()
    if village is None:
        return None
    quota = village.storage_quota_megabytes * MEGABYTE
    if connection.schema_name == village.schema_name:
        return StorageUsage(used=storage_used_bytes(), quota=quota)
    with schema_context(village.schema_name):
        return StorageUsage(used=storage_used_bytes(), quota=quota)


def storage_quota_check(*, adding: int) -> None:
    """Refuse `adding` more bytes in the current village when they do not fit in its quota.

    Two uploads at the same moment may both pass: the quota can be overshot by at most the uploads in
    flight, each bounded by the upload size limits (WAGTAILIMAGES_MAX_UPLOAD_SIZE and
    VILLAGEWEB_DOCUMENT_MAX_UPLOAD_SIZE).
    """
    if adding <= 0:
        return
    usage = storage_usage()
    if usage is None or usage.used + adding <= usage.quota:
        return
    raise StorageQuotaExceeded(
        f"Ruang penyimpanan desa tidak cukup: berkas ini {size_text(adding)}, sisa "
        f"{size_text(usage.free)} dari kuota {size_text(usage.quota)}. Hapus gambar atau dokumen "
        "yang tidak dipakai lagi, atau minta Diskominfo menambah kuota penyimpanan desa."
    )
