"""/media/ hands out images and renditions of the current village only; documents never.

A document in a collection restricted to logged-in users is reachable only through Wagtail's serve
view, which checks the restriction; its file under /media/ is a 404 even to a visitor who knows it.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from ..factories import in_village, login_as, make_image

pytestmark = pytest.mark.django_db


def _private_document(village):
    with in_village(village):
        root = Collection.get_first_root_node()
        private = root.add_child(instance=Collection(name="Arsip rahasia"))
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN
        )
        document = Document(title="Data penerima bantuan", collection=private)
        document.file.save("penerima.csv", ContentFile(b"nik,nama\n3523,Siti\n"), save=False)
        document.save()
        return document.id, document.file.url, document.url


def test_private_document_is_never_served_by_media(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    _, media_url, _ = _private_document(jlodro)
    assert media_url.startswith(f"/media/{jlodro.schema}/documents/")
    client = client_for(jlodro.domain)
    assert client.get(media_url).status_code == 404
    traversal = media_url.replace("/documents/", "/images/../documents/")
    assert client.get(traversal).status_code == 404
    # Not even to the village's own logged-in admin: documents go through the serve view.
    assert login_as(client_for(jlodro.domain), jlodro).get(media_url).status_code == 404


def test_private_document_serve_view_asks_for_log_in_and_downloads_as_attachment(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    _, _, serve_url = _private_document(jlodro)
    anonymous = client_for(jlodro.domain).get(serve_url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    admin = login_as(client_for(jlodro.domain), jlodro)
    response = admin.get(serve_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"nik,nama\n3523,Siti\n"


def test_media_still_serves_the_village_images_and_renditions(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    with in_village(jlodro):
        image = make_image()
        original, rendition = image.file.url, image.get_rendition("width-100").url
    client = client_for(jlodro.domain)
    assert client.get(original).status_code == 200
    assert client.get(rendition).status_code == 200
    assert client_for(wangi.domain).get(original).status_code == 404
