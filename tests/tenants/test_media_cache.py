"""/media/ answers say how long to keep them (issue #27 item 17): a rendition's name changes with its
image, so a year and immutable; an original a day."""

import pytest

from ..factories import in_village, make_image

pytestmark = pytest.mark.django_db


def test_renditions_are_kept_a_year_and_originals_a_day(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        image = make_image()
        original, rendition = image.file.url, image.get_rendition("width-100").url
    client = client_for(jlodro.domain)
    assert client.get(rendition)["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get(original)["Cache-Control"] == "public, max-age=86400"
