"""The regency sets the default theme and may lock it; only the portal's admin can change that."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from themes.regency.models import RegencyTheme, regency_policy

from ..factories import in_village, login_as
from .helpers import branding_set, regency_theme_set, stylesheet_of

pytestmark = pytest.mark.django_db


def test_locked_regency_theme_overrides_every_village_choice(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    branding_set(jlodro, theme="pesisir")
    regency_theme_set(default_theme="modern", locked=True)
    assert stylesheet_of(client_for(jlodro.domain).get("/")) == "modern"
    assert stylesheet_of(client_for(wangi.domain).get("/")) == "modern"

    regency_theme_set(default_theme="modern", locked=False)
    assert stylesheet_of(client_for(jlodro.domain).get("/")) == "pesisir"


def test_regency_policy_is_read_from_public_even_inside_a_village_schema(village_factory):
    jlodro = village_factory("Jlodro")
    regency_theme_set(default_theme="pesisir", locked=True)
    with in_village(jlodro):
        policy = regency_policy()
    assert (policy.default_theme, policy.locked) == ("pesisir", True)


def test_regency_policy_costs_village_requests_no_query_once_cached(
    village_factory, client_for, django_assert_max_num_queries
):
    jlodro = village_factory("Jlodro")
    regency_theme_set(default_theme="klasik")
    client = client_for(jlodro.domain)
    client.get("/")
    with in_village(jlodro), django_assert_max_num_queries(0):
        regency_policy()


def _regency_edit_url() -> str:
    return f"/admin/settings/themes_regency/regencytheme/{RegencyTheme.load().pk}/"


def test_village_admin_cannot_change_the_regency_theme_setting(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    url = _regency_edit_url()
    client = login_as(client_for(jlodro.domain), jlodro)
    response = client.post(url, {"default_theme": "pesisir", "locked": "on"})
    # Public-only: the tenancy gate answers 404 on a village host (tests/security/).
    assert response.status_code in (302, 403, 404)
    assert "/admin/settings/" not in response.get("Location", "")
    assert regency_policy().locked is False
    assert not RegencyTheme.objects.filter(locked=True).exists()


def test_diskominfo_locks_the_theme_in_the_portal_admin(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    get_user_model().objects.create_superuser("diskominfo", password="rahasia-123")
    client = client_for("localhost")
    client.post("/admin/login/", {"username": "diskominfo", "password": "rahasia-123"})
    response = client.post(_regency_edit_url(), {"default_theme": "pesisir", "locked": "on"})
    assert response.status_code == 302
    assert stylesheet_of(client_for(jlodro.domain).get("/")) == "pesisir"


def test_village_admin_sees_why_the_theme_field_is_locked(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    regency_theme_set(default_theme="pesisir", locked=True)
    client = login_as(client_for(jlodro.domain), jlodro)
    with in_village(jlodro):
        url = f"/admin/settings/themes/villagebranding/{Site.objects.get(is_default_site=True).pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Tema dikunci oleh kabupaten: semua situs desa memakai tema Pesisir." in response.text
