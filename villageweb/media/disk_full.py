"""The disk holding village media is full: an upload fails with an Indonesian message and leaves
nothing half-written, while the sites keep serving what they already have.

`villageweb.media.storage.VillageFileSystemStorage` writes each upload under a temporary name and links it to
its real name only once complete, so a full disk leaves no partial file (Django's FileSystemStorage
keeps it); it then raises StorageFull. No row points at the file: Django writes a FileField's file
before it inserts the row, so a failed write stops the insert. StorageFullMiddleware answers a request
that ran into a full disk with the message instead of a 500.
"""

import errno

from django.http import JsonResponse
from django.shortcuts import render

DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)
STORAGE_FULL_MESSAGE = (
    "Berkas tidak tersimpan: ruang penyimpanan server sedang penuh. Tidak ada yang tersimpan "
    "setengah jalan; situs desa tetap dapat dibuka. Coba lagi nanti, dan beri tahu Diskominfo."
)


class StorageFull(OSError):
    """The disk (or the file system's quota) is full; the partial file has been removed."""


def is_disk_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS


class StorageFullMiddleware:
    """A request that ran into a full disk gets the Indonesian message: as JSON to Wagtail's multiple
    upload (its script shows `error_message` next to the file), as a 507 page otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_disk_full(exception):
            return None
        if "/multiple/" in request.path or request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"success": False, "error_message": STORAGE_FULL_MESSAGE})
        response = render(request, "tenants/storage_full.html", {"message": STORAGE_FULL_MESSAGE}, status=507)
        response["Content-Language"] = "id"
        return response
