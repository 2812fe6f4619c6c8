"""With media in a bucket, documents are private objects reached only through the permission-checked
view (issue #26, item 8). Against a real S3 API: moto's server, started here on a free loopback port,
spoken to over HTTP by boto3 exactly as a production bucket is.

Before the fix every object was written without an ACL and the documented set-up made the bucket
public, so a document in a log-in-restricted collection was one guessable key away from anyone.
"""

import contextlib
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from moto.server import ThreadedMotoServer
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from ..factories import in_village, login_as, make_image

pytestmark = pytest.mark.django_db

BUCKET = "media-desa"
KEYS = {"access_key": "uji-kunci", "secret_key": "uji-rahasia"}


@contextlib.contextmanager
def moto_bucket():
    """moto's S3 server on a free loopback port with an empty bucket; yields its endpoint."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)  # no bucket policy: what each object's ACL says holds
    try:
        yield endpoint
    finally:
        # moto keeps its buckets in the process, across servers: the next test starts empty.
        reset = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")
        urllib.request.urlopen(reset, timeout=10).close()
        server.stop()


@pytest.fixture
def bucket_endpoint():
    with moto_bucket() as endpoint:
        yield endpoint


def _anonymous_get(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, b"", {}


def _s3_settings(endpoint: str) -> dict:
    return {
        "default": {
            "BACKEND": "villageweb.media.storage.VillageS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "custom_domain": None,
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": None,
                **KEYS,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_private_documents_are_private_objects_served_only_by_signed_short_lived_urls(
    village_factory, client_for, bucket_endpoint
):
    jlodro = village_factory("Jlodro")
    with override_settings(STORAGES=_s3_settings(bucket_endpoint)):
        with in_village(jlodro):
            private = Collection.get_first_root_node().add_child(name="Arsip perangkat")
            CollectionViewRestriction.objects.create(
                collection=private, restriction_type=CollectionViewRestriction.LOGIN
            )
            secret = Document.objects.create(
                title="Daftar gaji perangkat",
                collection=private,
                file=ContentFile(b"%PDF-1.4 gaji rahasia", name="gaji.pdf"),
            )
            public = Document.objects.create(
                title="APBDes 2026", file=ContentFile(b"%PDF-1.4 apbdes", name="apbdes.pdf")
            )
            image = make_image("Balai desa")
            keys = {
                "secret": f"{jlodro.schema}/{secret.file.name}",
                "public": f"{jlodro.schema}/{public.file.name}",
                "image": f"{jlodro.schema}/{image.file.name}",
            }
            secret_url, public_url, image_url = secret.url, public.url, image.file.url
            disposition = secret.content_disposition

        # Straight to the bucket, as a stranger guessing keys: documents refused, images served.
        assert _anonymous_get(f"{bucket_endpoint}/{BUCKET}/{keys['secret']}")[0] == 403
        assert _anonymous_get(f"{bucket_endpoint}/{BUCKET}/{keys['public']}")[0] == 403
        assert _anonymous_get(f"{bucket_endpoint}/{BUCKET}/{keys['image']}")[0] == 200
        assert _anonymous_get(image_url)[0] == 200  # the image's own URL is plain and public
        assert "Signature" not in image_url

        # Through the site: the restricted document asks for a log-in, never names the bucket.
        stranger = client_for(jlodro.domain)
        refused = stranger.get(secret_url)
        assert refused.status_code in (200, 302)
        assert bucket_endpoint not in refused.get("Location", "") and b"gaji rahasia" not in refused.content

        # A signed-in reader is sent to a signed URL that lives a minute, with Wagtail's disposition.
        reader = login_as(client_for(jlodro.domain), jlodro)
        sent = reader.get(secret_url)
        assert sent.status_code == 302
        signed = sent["Location"]
        assert signed.startswith(bucket_endpoint)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(signed).query)
        lifetime = (
            int(query["X-Amz-Expires"][0])
            if "X-Amz-Expires" in query
            else int(query["Expires"][0]) - time.time()
        )
        assert 0 < lifetime <= 61
        status, body, headers = _anonymous_get(signed)
        assert status == 200 and body == b"%PDF-1.4 gaji rahasia"
        assert query["response-content-disposition"] == [disposition]
        assert headers["content-type"] == "application/pdf"

        # A public document goes the same way: the object stays private, the view hands out the URL.
        anyone = stranger.get(public_url)
        assert anyone.status_code == 302 and _anonymous_get(anyone["Location"])[1] == b"%PDF-1.4 apbdes"
