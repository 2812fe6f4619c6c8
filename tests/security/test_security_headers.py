"""Content-Security-Policy and Permissions-Policy on public pages, the portal and the admin.

Public pages allow no inline script at all and only the inline `<style>` elements the templates
name, by hash; the admin gets Wagtail's needs ('unsafe-inline'), and never a nonce or hash that
would switch 'unsafe-inline' off.
"""

import base64
import hashlib
import re

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import Site

from tenants.models import Village
from themes.models import VillageBranding

from ..factories import fill_demo_content, login_as
from ..themes.helpers import branding_set
from .test_input import _sitemap_paths

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def _inline_styles(html: str) -> list[str]:
    return re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S)


def _hash(content: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(content.encode()).digest()).decode() + "'"


def test_public_page_policy_allows_no_inline_script_and_only_its_own_inline_style(
    village_factory, client_for
):
    jlodro = village_factory("Jlodro")
    branding_set(jlodro, primary_colour="#F2C230")
    response = client_for(jlodro.domain).get("/")
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    styles = _inline_styles(response.text)
    assert styles and "--primary:#f2c230" in styles[0]
    assert [_hash(style) for style in styles] == [s for s in policy["style-src"] if s.startswith("'sha256-")]


def test_public_pages_carry_nothing_inline_the_policy_would_block(village_factory, client_for):
    """Every page of a demo-filled village: no inline script, no event handler, no style attribute."""
    jlodro = village_factory("Jlodro")
    fill_demo_content(jlodro)
    client = client_for(jlodro.domain)
    for path in [*_sitemap_paths(client), "/cari/?q=air"]:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.text
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")", html), path
        assert not re.search(r"\son[a-z]+=\"", html), path
        assert not re.search(r"<[^>]+\sstyle=\"", html), path
        assert "Content-Security-Policy" in response, path


def test_the_admin_gets_wagtails_policy_without_nonce_or_hash(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    branding_set(jlodro, primary_colour="#F2C230")
    client = login_as(client_for(jlodro.domain), jlodro)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert not [
        s for s in response["Content-Security-Policy"].split() if s.startswith(("'nonce-", "'sha256-"))
    ]
    # The log-in page too (before any session).
    assert "'unsafe-inline'" in _policy(client_for(jlodro.domain).get("/admin/login/"))["script-src"]


def test_answers_of_the_tenant_router_carry_the_headers(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    branding_set(jlodro, address="Jl. Raya Kenduruan 1")
    Village.objects.filter(code=jlodro.code).update(status=Village.Status.SUSPENDED)
    response = client_for(jlodro.domain).get("/")
    assert response.status_code == 503
    styles = _inline_styles(response.text)
    assert len(styles) == 1
    assert _hash(styles[0]) in _policy(response)["style-src"]
    assert "camera=()" in response["Permissions-Policy"]
    unknown = client_for("tidak-ada.localhost").get("/")
    assert unknown.status_code == 404
    assert "Content-Security-Policy" in unknown


def test_a_cached_portal_page_keeps_the_policy_of_its_body(platform, client_for):
    connection.set_schema_to_public()
    branding = VillageBranding.for_site(Site.objects.get(is_default_site=True))
    branding.primary_colour = "#1D5E3A"
    branding.save()
    client = client_for(settings.VILLAGEWEB_BASE_DOMAIN)
    client.get("/berita-desa/")  # the first request of a fresh database may create settings rows
    first = client.get("/berita-desa/")
    second = client.get("/berita-desa/")
    assert _inline_styles(second.text)
    assert second["X-Portal-Cache"] == "hit"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    for style in _inline_styles(second.text):
        assert _hash(style) in _policy(second)["style-src"]


def test_permissions_policy_refuses_camera_microphone_and_location(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    for path in ["/", "/admin/login/"]:
        header = client_for(jlodro.domain).get(path)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in header, (path, feature)


def test_the_proxy_config_adds_the_headers_the_docs_promise():
    caddyfile = (settings.BASE_DIR / "deploy" / "caddy" / "Caddyfile").read_text()
    docs = (settings.BASE_DIR / "docs" / "security.md").read_text()
    for header in (
        'Strict-Transport-Security "max-age=31536000; includeSubDomains"',
        "X-Content-Type-Options",
    ):
        assert header in caddyfile
        assert header.split(" ")[0] in docs
