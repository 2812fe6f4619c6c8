"""The one-time setup link: the village's own operator chooses the admin's first password."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tenants.utils import schema_context

from villageweb.accounts.models import SetupLink

pytestmark = pytest.mark.django_db

PASSWORD = "Tuban-Bumi-Wali-2026"


def _path(village):
    return village.setup_url.removeprefix(village.url.rstrip("/"))


def test_provision_with_setup_link_gives_no_password_and_a_14_day_link(village_factory):
    jlodro = village_factory("Jlodro", setup_link=True)
    assert jlodro.admin_password is None
    assert jlodro.setup_url.startswith(f"{jlodro.url}akun/atur-kata-sandi/")
    assert timedelta(days=13, hours=23) < jlodro.setup_expires_at - timezone.now() <= timedelta(days=14)
    with schema_context(jlodro.schema):
        link = SetupLink.objects.get()
        token = jlodro.setup_url.rstrip("/").rsplit("/", 1)[1]
        assert token not in link.token_hash  # stored hashed, never as issued
        assert not get_user_model().objects.get(username="admin").has_usable_password()


def test_valid_link_shows_an_indonesian_form_and_sets_the_password_once(village_factory, client_for):
    jlodro = village_factory("Jlodro", setup_link=True)
    client = client_for(jlodro.domain)
    page = client.get(_path(jlodro))
    assert page.status_code == 200
    assert "Atur kata sandi admin" in page.text and "Desa Jlodro" in page.text
    assert "berlaku sampai" in page.text

    done = client.post(_path(jlodro), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 200 and "Kata sandi tersimpan" in done.text
    assert client.post("/admin/login/", {"username": "admin", "password": PASSWORD}).status_code == 302
    assert client.get("/admin/").status_code == 200  # not sent to change the password again

    again = client_for(jlodro.domain).get(_path(jlodro))
    assert again.status_code == 410
    assert "sudah dipakai" in again.text


def test_mismatched_or_weak_passwords_are_refused_in_indonesian(village_factory, client_for):
    jlodro = village_factory("Jlodro", setup_link=True)
    client = client_for(jlodro.domain)
    response = client.post(_path(jlodro), {"new_password1": PASSWORD, "new_password2": PASSWORD + "x"})
    assert response.status_code == 200
    assert "tidak cocok" in response.text
    response = client.post(_path(jlodro), {"new_password1": "12345678", "new_password2": "12345678"})
    assert "terlalu umum" in response.text or "seluruhnya angka" in response.text
    with schema_context(jlodro.schema):
        assert SetupLink.objects.get().used_at is None


def test_expired_link_says_so_and_sets_nothing(village_factory, client_for):
    jlodro = village_factory("Jlodro", setup_link=True)
    with schema_context(jlodro.schema):
        SetupLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client = client_for(jlodro.domain)
    assert client.get(_path(jlodro)).status_code == 410
    response = client.post(_path(jlodro), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 410 and "kedaluwarsa" in response.text
    with schema_context(jlodro.schema):
        assert not get_user_model().objects.get(username="admin").has_usable_password()


def test_unknown_token_is_a_clear_404_not_a_500(village_factory, client_for):
    jlodro = village_factory("Jlodro", setup_link=True)
    response = client_for(jlodro.domain).get("/akun/atur-kata-sandi/bukan-token/")
    assert response.status_code == 404 and "tidak dikenal" in response.text


def test_a_link_works_only_on_its_own_village(village_factory, client_for):
    jlodro = village_factory("Jlodro", setup_link=True)
    wangi = village_factory("Wangi", setup_link=True)
    response = client_for(wangi.domain).get(_path(jlodro))
    assert response.status_code == 404
