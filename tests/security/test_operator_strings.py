"""Operator- and editor-supplied strings reach HTML escaped, and contact mail cannot forge its sender.

Review (issue #13): the only `format_html`/`mark_safe` uses on strings from people are the home page
greeting (format_html escapes the village name and kecamatan), the activity chart (escape() on its
title) and the handover sheet's QR code (an SVG made by the qrcode library from the setup URL). No
template uses `|safe` or `{% autoescape off %}` on operator data. This test holds that in place.
"""

import pytest
from django.conf import settings
from django.db import connection

from tenants.models import Village
from villageweb.village.home import village_home_personalise

from ..factories import in_village, make_news_page, village_of
from ..themes.helpers import branding_set

pytestmark = pytest.mark.django_db

ATTACK = '<script>alert("x")</script>'


def test_script_in_every_operator_field_is_shown_escaped(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    Village.objects.filter(code=jlodro.code).update(
        name=f"Jlodro{ATTACK}", district_name=f"Kenduruan{ATTACK}"
    )
    village = village_of(jlodro)
    with in_village(jlodro):
        village_home_personalise(village=village)
        make_news_page("Panen raya jagung")
    branding_set(
        jlodro,
        address=f"Jl. Raya 1 {ATTACK}",
        office_hours=f"Senin {ATTACK}",
        phone=f"0356{ATTACK}"[:30],
        footer_text=f"Kaki {ATTACK}",
    )
    client = client_for(jlodro.domain)
    for path in ["/", "/kontak/", "/tidak-ada/"]:
        response = client.get(path)
        assert "<script>alert(" not in response.text, path
        assert "&lt;script&gt;" in response.text, path
    portal = client_for(settings.VILLAGEWEB_BASE_DOMAIN)
    for path in ["/", "/desa/", "/berita-desa/"]:
        response = portal.get(path)
        assert response.status_code == 200, path
        assert "<script>alert(" not in response.text, path
    assert "&lt;script&gt;" in portal.get("/desa/").text
    Village.objects.filter(code=jlodro.code).update(status=Village.Status.SUSPENDED)
    suspended = client.get("/")
    assert suspended.status_code == 503
    assert "<script>alert(" not in suspended.text and "&lt;script&gt;" in suspended.text


def test_portal_branding_with_script_is_shown_escaped(platform, client_for):
    from wagtail.models import Site

    from themes.models import VillageBranding

    connection.set_schema_to_public()
    branding = VillageBranding.for_site(Site.objects.get(is_default_site=True))
    branding.footer_text = f"Diskominfo {ATTACK}"
    branding.address = f"Jl. Sunan Kalijogo {ATTACK}"
    branding.save()
    response = client_for(settings.VILLAGEWEB_BASE_DOMAIN).get("/")
    assert "<script>alert(" not in response.text
    assert "&lt;script&gt;" in response.text
