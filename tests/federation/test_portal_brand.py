"""The portal goes by one name (VILLAGEWEB_PORTAL_NAME) on its pages, feeds, API, admin and mail."""

import re

import pytest
from django.conf import settings
from django.core import mail

from provisioning.jobs.reminders import regency_summary_send

from ..factories import make_diskominfo_staff, make_news_page

pytestmark = pytest.mark.django_db

BRAND = "Portal Desa Kabupaten Tuban"


def _names(html: str) -> dict:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    site_name = re.search(r'class="site-name">([^<]*)<', html)
    og = re.search(r'og:site_name" content="([^"]*)"', html)
    return {
        "title": " ".join(title.split()),
        "site_name": site_name and site_name.group(1),
        "og": og and og.group(1),
    }


def test_the_portal_setting_names_the_portal():
    assert settings.VILLAGEWEB_PORTAL_NAME == BRAND
    assert settings.WAGTAIL_SITE_NAME == BRAND


def test_every_portal_page_carries_the_same_name(platform, client_for, village_factory):
    jlodro = village_factory("Jlodro")
    make_news_page("Kerja bakti", village=jlodro, slug="kerja-bakti")
    client = client_for("localhost")
    home = _names(client.get("/").text)
    assert home == {"title": BRAND, "site_name": BRAND, "og": BRAND}
    for path, heading in (("/berita-desa/", "Berita Desa"), ("/desa/", "Direktori Desa")):
        page = _names(client.get(path).text)
        assert page == {"title": f"{heading} · {BRAND}", "site_name": BRAND, "og": BRAND}, path
    # The village's own site keeps its own name.
    village = _names(client_for(jlodro.domain).get("/").text)
    assert village["site_name"] == "Desa Jlodro" and village["og"] == "Desa Jlodro"

    feed = client.get("/berita-desa/feed/").text
    assert f"<title>{BRAND}: Berita Desa</title>" in feed
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == f"{BRAND}: API Berita Desa"


def test_the_portal_admin_is_titled_with_the_portal_name(platform, client_for, village_factory):
    client = client_for("localhost")
    assert "<title>Masuk - " + BRAND + "</title>" in client.get("/admin/login/").text
    client.force_login(make_diskominfo_staff())
    dashboard = client.get("/admin/").text
    assert f"<title>Dasbor - {BRAND}</title>" in dashboard and "VillageWeb" not in dashboard
    assert "Wagtail</title>" not in client.get("/admin/desa/").text
    jlodro = village_factory("Jlodro")
    assert "<title>Masuk - Desa Jlodro</title>" in client_for(jlodro.domain).get("/admin/login/").text


def test_mail_comes_from_the_portal_name(platform, settings):
    settings.VILLAGEWEB_DISKOMINFO_EMAILS = ["diskominfo@tubankab.go.id"]
    assert regency_summary_send()
    (message,) = mail.outbox
    assert message.from_email.startswith(f"{BRAND} <")
    assert message.subject.startswith(f"{BRAND}: ")
