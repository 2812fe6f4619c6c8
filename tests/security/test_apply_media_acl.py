"""Objects stored in the bucket before each object got its own ACL are put right by `apply_media_acl`
(issue #26, item 8's remainder). Against moto's S3 server on a loopback port, as in
test_s3_private_documents.py.

Stored the old way: keys under the village's prefix written with no ACL (what VillageS3Storage did
before the fix: the images were readable only through the public bucket policy the old set-up needed,
so removing that policy hides them), and documents that a bucket's default made `public-read`. After
the command a stranger reads the images and none of the documents or waiting uploads; a second run
changes nothing; `--village` touches one village's prefix only.
"""

import io
import json

import boto3
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from ..factories import command_run
from .test_s3_private_documents import BUCKET, KEYS, _anonymous_get, _s3_settings, moto_bucket

pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket_endpoint():
    with moto_bucket() as endpoint:
        yield endpoint


def _client(endpoint: str):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_boto_keys())


def _boto_keys() -> dict:
    return {"aws_access_key_id": KEYS["access_key"], "aws_secret_access_key": KEYS["secret_key"]}


def _stored_the_old_way(client, schema: str) -> dict[str, str]:
    keys = {
        "image": f"{schema}/original_images/balai.png",
        "rendition": f"{schema}/images/balai.fill-480x270.webp",
        "secret": f"{schema}/documents/gaji.pdf",
        "public_doc": f"{schema}/documents/apbdes.pdf",
        "waiting": f"{schema}/wagtail_uploads/foto.jpg",
    }
    for name, key in keys.items():
        extra = {"ACL": "public-read"} if name in ("secret", "waiting") else {}
        if name == "public_doc":
            extra = {"ACL": "public-read-write"}
        client.put_object(Bucket=BUCKET, Key=key, Body=f"isi {name}".encode(), **extra)
    return keys


def _readable(endpoint: str, keys: dict[str, str]) -> dict[str, int]:
    return {name: _anonymous_get(f"{endpoint}/{BUCKET}/{key}")[0] for name, key in keys.items()}


def test_objects_stored_before_the_fix_get_the_acl_the_storage_writes_today(village_factory, bucket_endpoint):
    jlodro, tasik = village_factory("Jlodro"), village_factory("Tasikmadu")
    client = _client(bucket_endpoint)
    ours = _stored_the_old_way(client, jlodro.schema)
    theirs = _stored_the_old_way(client, tasik.schema)
    before = {"image": 403, "rendition": 403, "secret": 200, "public_doc": 200, "waiting": 200}
    assert _readable(bucket_endpoint, ours) == before  # the attack, and the images a fix would hide

    with override_settings(STORAGES=_s3_settings(bucket_endpoint)):
        output = command_run("apply_media_acl", village=jlodro.code)
        assert f"{jlodro.code} Desa Jlodro: 5 objek diubah, 0 sudah benar" in output
        assert _readable(bucket_endpoint, ours) == {
            "image": 200,
            "rendition": 200,
            "secret": 403,
            "public_doc": 403,
            "waiting": 403,
        }
        grants = client.get_object_acl(Bucket=BUCKET, Key=ours["public_doc"])["Grants"]
        assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner's alone
        assert _readable(bucket_endpoint, theirs) == before  # another village's prefix untouched

        again = command_run("apply_media_acl", village=jlodro.code)
        assert f"{jlodro.code} Desa Jlodro: 0 objek diubah, 5 sudah benar" in again

        everywhere = command_run("apply_media_acl")
        assert f"{tasik.code} Desa Tasikmadu: 5 objek diubah, 0 sudah benar" in everywhere
        assert f"{jlodro.code} Desa Jlodro: 0 objek diubah, 5 sudah benar" in everywhere
        assert _readable(bucket_endpoint, theirs)["secret"] == 403


def test_a_public_bucket_policy_is_reported(village_factory, bucket_endpoint):
    jlodro = village_factory("Jlodro")
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/*",
            }
        ],
    }
    _client(bucket_endpoint).put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))
    errors = io.StringIO()
    with override_settings(STORAGES=_s3_settings(bucket_endpoint)):
        call_command("apply_media_acl", village=jlodro.code, stdout=io.StringIO(), stderr=errors)
    assert "punya kebijakan (bucket policy) yang membuka semua objek" in errors.getvalue()


def test_without_a_bucket_the_command_says_so(platform):
    with pytest.raises(CommandError, match="Media tidak disimpan di bucket S3"):
        command_run("apply_media_acl")
