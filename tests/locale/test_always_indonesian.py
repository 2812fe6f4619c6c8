"""A phone set to English still gets Indonesian pages: dates, form errors and Content-Language of
village and portal pages, and the admin's log-in. Only an editor who chose English in their own
account settings gets an English admin."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from ..factories import in_village, login_as, make_news_page

pytestmark = pytest.mark.django_db

ENGLISH_PHONE = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def _indonesian(response):
    assert response["Content-Language"] == "id"
    assert "Accept-Language" not in response.get("Vary", "")


def test_village_news_page_shows_indonesian_dates_to_an_english_browser(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Musyawarah desa", date="2026-08-17")
    response = client_for(jlodro.domain, **ENGLISH_PHONE).get("/berita/musyawarah-desa/")
    assert response.status_code == 200
    _indonesian(response)
    assert "17 Agustus 2026" in response.text
    assert "August" not in response.text


def test_portal_page_is_indonesian_for_an_english_browser(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    make_news_page(village=jlodro, title="Sedekah bumi", slug="sedekah-bumi", date="2026-08-17")
    response = client_for("localhost", **ENGLISH_PHONE).get("/berita-desa/")
    assert response.status_code == 200
    _indonesian(response)
    assert "17 Agustus 2026" in response.text
    assert "August" not in response.text


def test_contact_form_errors_are_indonesian_for_an_english_browser(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    response = client_for(jlodro.domain, **ENGLISH_PHONE).post(
        "/kontak/", {"jenis": "pengaduan", "pesan": ""}
    )
    assert response.status_code == 400
    _indonesian(response)
    assert "This field is required" not in response.text
    assert "Kolom ini harus diisi" in response.text


def test_admin_login_is_indonesian_for_an_english_browser(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    response = client_for(jlodro.domain, **ENGLISH_PHONE).get("/admin/login/")
    assert response.status_code == 200
    _indonesian(response)
    assert "Masuk" in response.text
    assert "Sign in" not in response.text


def test_admin_is_english_only_for_an_editor_who_chose_english(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    indonesian = login_as(client_for(jlodro.domain, **ENGLISH_PHONE), jlodro)
    response = indonesian.get("/admin/")
    _indonesian(response)
    assert "Dasbor" in response.text and "Dashboard" not in response.text
    with in_village(jlodro):
        profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
        profile.preferred_language = "en"
        profile.save()
    english = login_as(client_for(jlodro.domain), jlodro)
    response = english.get("/admin/")
    assert response["Content-Language"] == "en"
    assert "Dashboard" in response.text
    # The public site stays Indonesian for that editor.
    with in_village(jlodro):
        make_news_page("Kerja bakti", date="2026-08-17")
    assert "17 Agustus 2026" in english.get("/berita/kerja-bakti/").text
