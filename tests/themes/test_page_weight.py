"""A village home page stays within 100 KB of HTML+CSS+JS (gzipped) in every theme; its largest image
is a WebP rendition with sizes for the viewport, and no other image loads eagerly."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from themes.registry import THEMES
from themes.weight import BUDGET_BYTES, page_weight

from ..factories import in_village
from .helpers import branding_set

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", sorted(THEMES))
def test_home_page_fits_the_budget_with_a_webp_header_sized_for_the_viewport(
    slug, village_factory, client_for
):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        photo = Image.objects.create(
            title="Balai desa", file=get_test_image_file(filename="balai.png", size=(1600, 600))
        )
    branding_set(jlodro, theme=slug, header_image=photo, address="Jl. Raya Jlodro 1", phone="0356 321000")

    response = client_for(jlodro.domain).get("/")
    weight = page_weight(response.text)

    assert weight.total_bytes <= BUDGET_BYTES, f"{weight.total_bytes} bytes > {BUDGET_BYTES}"
    assert weight.css_bytes > 0 and weight.js_bytes == 0
    [hero] = weight.eager_images
    assert hero["src"].endswith(".webp") and "sizes" in hero
    assert all(candidate.strip().split()[0].endswith(".webp") for candidate in hero["srcset"].split(","))
