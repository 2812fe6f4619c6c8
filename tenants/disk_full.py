"""The disk holding village media is full: an upload fails with an Indonesian message and leaves
nothing half-written, while the sites keep serving what they already have.

VillageFileSystemStorage removes the partial file a full disk leaves (Django's FileSystemStorage keeps
it) and raises StorageFull. No row points at it: Django writes a FileField's file before it inserts the
row, so a failed write stops the insert. StorageFullMiddleware answers a request that ran into a full
disk with the message instead of a 500.
"""

import errno
import os
import threading

from django.http import JsonResponse
from django.shortcuts import render
from django_tenants.files.storage import TenantFileSystemStorage

DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)
STORAGE_FULL_MESSAGE = (
    "Berkas tidak tersimpan: ruang penyimpanan server sedang penuh. Tidak ada yang tersimpan "
    "setengah jalan; situs desa tetap dapat dibuka. Coba lagi nanti, dan beri tahu Diskominfo."
)


class StorageFull(OSError):
    """The disk (or the file system's quota) is full; the partial file has been removed."""


def is_disk_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS


# The name of the file this thread is writing (a thread writes one file at a time).
_writing = threading.local()


class VillageFileSystemStorage(TenantFileSystemStorage):
    """TenantFileSystemStorage (MEDIA_ROOT/<schema>/) that cleans up after a full disk."""

    def get_available_name(self, name, max_length=None):
        available = super().get_available_name(name, max_length=max_length)
        # FileSystemStorage._save asks for another name when a concurrent upload took this one;
        # the name last handed out is the file this thread is writing.
        _writing.name = available
        return available

    def _save(self, name, content):
        _writing.name = name
        try:
            return super()._save(name, content)
        except OSError as error:
            if not is_disk_full(error):
                raise
            try:
                os.remove(self.path(_writing.name))
            except FileNotFoundError:
                pass  # the disk was full before the file could be created
            raise StorageFull(error.errno, STORAGE_FULL_MESSAGE) from error


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
