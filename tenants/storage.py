"""Village media in an S3-compatible bucket: every village's objects under its schema name as key
prefix, as TenantFileSystemStorage keeps them under MEDIA_ROOT/<schema>/ on a local disk.

With media in a bucket no application server holds state of its own, so servers can be added behind
the front cache (docs/scaling.md). Chosen with VILLAGEWEB_MEDIA_STORAGE=s3 (villageweb/settings/base.py).
"""

from django.db import connection
from storages.backends.s3 import S3Storage


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
