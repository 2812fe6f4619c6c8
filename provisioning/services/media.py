"""Bringing media stored by earlier versions up to today's rules, one site at a time (issue #26).

Both actions are for files that were stored before a protection existed; what is stored now is
already right. Each is safe to interrupt and to run again: it looks at what is stored and changes
only what is still wrong, so a second run changes nothing.

- `site_images_strip`: images uploaded before metadata was stripped at save (item 5) still carry
  their GPS position and camera data; each is cleaned (villageweb.media.image_metadata.image_stored_strip)
  and its renditions are dropped, to be rebuilt from the clean original.
- `site_media_acl_apply`: with media in a bucket, objects written before each object got its own
  ACL (item 8) have whatever the bucket gave them; each gets `public-read` if it is an image and
  `private` otherwise (villageweb.media.storage.VillageS3Storage decides which).
"""

import json
import logging
from dataclasses import dataclass

from botocore.exceptions import ClientError
from django.core.files.storage import storages
from django.db.models import Q
from django_tenants.utils import schema_context
from wagtail.images import get_image_model

from tenants.models import Village
from villageweb.media.image_metadata import image_stored_strip
from villageweb.media.storage import VillageS3Storage
from villageweb.portal.federation.services import federation_resync

logger = logging.getLogger(__name__)

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


class MediaUpkeepError(Exception):
    """A request an operator can correct (an unknown code, media not in a bucket)."""


def sites_for_media(*, code: str | None = None) -> list[Village]:
    """The sites whose media a command goes through: the one with `code`, or every provider site
    (whatever its status: a suspended or archived site keeps its files) and the portal."""
    sites = Village.objects.filter(Q(kind__in=Village.SITE_KINDS) | Q(kind=Village.Kind.PORTAL))
    if code:
        sites = sites.filter(code=code)
        if not sites.exists():
            raise MediaUpkeepError(f"Situs dengan kode {code} tidak ditemukan.")
    return list(sites.order_by("kind", "code"))


@dataclass
class ImagesStripped:
    cleaned: int = 0
    clean: int = 0
    unreadable: int = 0


def site_images_strip(*, site: Village) -> ImagesStripped:
    """Clean every image of one site that still carries personal metadata, one image at a time
    (each its own transaction, so an interruption keeps what was done). A site whose news photos
    changed is synced to the portal again: its index points at the renditions just dropped."""
    result = ImagesStripped()
    with schema_context(site.schema_name):
        for image in get_image_model().objects.order_by("pk").iterator(chunk_size=200):
            try:
                changed = image_stored_strip(image)
            except OSError as error:  # the original is missing or unreadable: nothing to clean
                logger.warning("Gambar %s di %s tidak terbaca: %s", image.pk, site.schema_name, error)
                result.unreadable += 1
                continue
            if changed:
                result.cleaned += 1
            else:
                result.clean += 1
    if result.cleaned and site.kind in Village.SITE_KINDS:
        federation_resync(village=site)
    return result


def bucket_storage() -> VillageS3Storage:
    storage = storages["default"]
    if not isinstance(storage, VillageS3Storage):
        raise MediaUpkeepError(
            "Media tidak disimpan di bucket S3 (VILLAGEWEB_MEDIA_STORAGE bukan s3): "
            "tidak ada ACL yang perlu diubah."
        )
    return storage


def bucket_policy_public(storage: VillageS3Storage) -> bool:
    """Whether the bucket has a policy letting anybody read it, which overrides every private ACL."""
    try:
        policy = storage.connection.meta.client.get_bucket_policy(Bucket=storage.bucket.name)["Policy"]
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "NoSuchBucketPolicy":
            return False
        raise
    statements = json.loads(policy).get("Statement", [])
    for statement in statements if isinstance(statements, list) else [statements]:
        principal = statement.get("Principal")
        anybody = principal == "*" or (isinstance(principal, dict) and "*" in _as_list(principal.get("AWS")))
        if statement.get("Effect") == "Allow" and anybody:
            return True
    return False


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _grants_beyond_owner(acl: dict) -> set[tuple[str, str, str]]:
    """The object's grants other than its owner's full control, as comparable tuples."""
    owner = acl.get("Owner", {}).get("ID")
    grants = set()
    for grant in acl.get("Grants", []):
        grantee = grant.get("Grantee", {})
        who = grantee.get("URI") or grantee.get("ID") or grantee.get("EmailAddress") or ""
        if grantee.get("Type") == "CanonicalUser" and who == owner and grant["Permission"] == "FULL_CONTROL":
            continue
        grants.add((grantee.get("Type", ""), who, grant["Permission"]))
    return grants


@dataclass
class AclApplied:
    changed: int = 0
    kept: int = 0


def site_media_acl_apply(*, site: Village, storage: VillageS3Storage | None = None) -> AclApplied:
    """Give every object under one site's prefix the ACL the storage writes today: `public-read`
    (nothing more) for images, `private` (nothing beyond the owner) for everything else."""
    storage = storage or bucket_storage()
    client = storage.connection.meta.client
    bucket = storage.bucket.name
    result = AclApplied()
    with schema_context(site.schema_name):
        for item in storage.bucket.objects.filter(Prefix=f"{site.schema_name}/"):
            public = storage.is_public(item.key)
            wanted = {("Group", ALL_USERS, "READ")} if public else set()
            if _grants_beyond_owner(client.get_object_acl(Bucket=bucket, Key=item.key)) == wanted:
                result.kept += 1
                continue
            client.put_object_acl(Bucket=bucket, Key=item.key, ACL="public-read" if public else "private")
            result.changed += 1
    return result
