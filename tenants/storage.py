"""Where village media is stored: under MEDIA_ROOT/<schema>/ on a local disk (the default), or in an
S3-compatible bucket with the schema name as key prefix.

With media in a bucket no application server holds state of its own, so servers can be added behind
the front cache (docs/scaling.md). Chosen with VILLAGEWEB_MEDIA_STORAGE=s3 (villageweb/settings/base.py).
"""

import os
import uuid

from django.db import connection
from django_tenants.files.storage import TenantFileSystemStorage
from storages.backends.s3 import S3Storage

from tenants.disk_full import STORAGE_FULL_MESSAGE, StorageFull, is_disk_full
from tenants.image_metadata import image_content_cleaned


class VillageFileSystemStorage(TenantFileSystemStorage):
    """TenantFileSystemStorage where a write that fails half-way leaves nothing behind.

    Django's FileSystemStorage creates the file, then writes it, and keeps what it wrote when the
    write fails (the disk is full: bench/faults.py found an empty PDF under documents/ that no row
    points to). Here the upload is written under a name of its own first and linked to its real
    name only once complete, so a failed write is removed without any risk of touching another file.
    """

    def _save(self, name, content):
        content = image_content_cleaned(name, content)
        partial = f"{name}.{uuid.uuid4().hex}.part"
        try:
            partial = super()._save(partial, content)
        except OSError as error:
            if os.path.exists(self.path(partial)):
                os.remove(self.path(partial))
            if is_disk_full(error):
                raise StorageFull(error.errno, STORAGE_FULL_MESSAGE) from error
            raise
        try:
            while True:
                try:
                    os.link(self.path(partial), self.path(name))
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
        finally:
            os.remove(self.path(partial))
        return os.path.relpath(self.path(name), self.location).replace(os.sep, "/")


class VillageS3Storage(S3Storage):
    """S3Storage whose `location` (the key prefix) is the current schema, read on every use.

    Names are joined under the prefix with django-storages' safe_join, so a name with `..` cannot
    reach another village's prefix (SuspiciousOperation instead).
    """

    @property
    def location(self) -> str:
        return connection.schema_name

    @location.setter
    def location(self, value) -> None:
        # S3Storage.__init__ assigns AWS_LOCATION; the prefix is always the schema instead.
        pass

    def _save(self, name, content):
        return super()._save(name, image_content_cleaned(name, content))
