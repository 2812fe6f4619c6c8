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
from storages.utils import clean_name

from villageweb.media.disk_full import STORAGE_FULL_MESSAGE, StorageFull, is_disk_full
from villageweb.media.image_metadata import image_content_cleaned


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


# In a bucket, only images (originals and renditions) are public objects, served by the bucket or its
# CDN; every other object (documents, files waiting in the multiple upload) is private and reached only
# through a signed URL that lives this many seconds.
PUBLIC_FOLDERS = ("original_images/", "images/")
SIGNED_URL_SECONDS = 60


class VillageS3Storage(S3Storage):
    """S3Storage whose `location` (the key prefix) is the current schema, read on every use.

    Names are joined under the prefix with django-storages' safe_join, so a name with `..` cannot
    reach another village's prefix (SuspiciousOperation instead).

    Each object is written with its own ACL: `public-read` for images, `private` for everything
    else, so a document's guessable key gives a stranger nothing (issue #26, item 8). A private
    object's URL is always signed and short-lived, and from the bucket's endpoint (never the public
    CDN domain); Wagtail's document view hands it out only after its permission check
    (tenants/wagtail_hooks.py).
    """

    def _relative(self, name: str) -> str:
        """`name` without this village's prefix (names arrive normalised or not)."""
        name = clean_name(name)
        prefix = f"{self.location}/"
        return name[len(prefix) :] if name.startswith(prefix) else name

    def is_public(self, name: str) -> bool:
        return self._relative(name).startswith(PUBLIC_FOLDERS)

    def get_object_parameters(self, name):
        return {
            **super().get_object_parameters(name),
            "ACL": "public-read" if self.is_public(name) else "private",
        }

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.is_public(name):
            return super().url(name, parameters, expire, http_method)
        params = {
            **(parameters or {}),
            "Bucket": self.bucket.name,
            "Key": self._normalize_name(clean_name(name)),
        }
        return self.connection.meta.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expire or SIGNED_URL_SECONDS, HttpMethod=http_method
        )

    @property
    def location(self) -> str:
        return connection.schema_name

    @location.setter
    def location(self, value) -> None:
        # S3Storage.__init__ assigns AWS_LOCATION; the prefix is always the schema instead.
        pass

    def _save(self, name, content):
        return super()._save(name, image_content_cleaned(name, content))
