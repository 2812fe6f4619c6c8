"""A user with an issued password can do nothing in the admin, by any method, until they change it."""

import pytest
from django.contrib.auth import get_user_model

from ..factories import in_village

pytestmark = pytest.mark.django_db


def _issued_login(village, client_for):
    client = client_for(village.domain)
    response = client.post("/admin/login/", {"username": "admin", "password": village.admin_password})
    assert response.status_code == 302
    return client


def test_post_to_another_admin_url_is_refused_until_the_password_is_changed(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = _issued_login(jlodro, client_for)
    response = client.post(
        "/admin/users/add/",
        {
            "username": "penyusup",
            "email": "penyusup@example.org",
            "first_name": "Pe",
            "last_name": "Nyusup",
            "password1": "Sandi-Panjang-2026!",
            "password2": "Sandi-Panjang-2026!",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/admin/ganti-kata-sandi/"
    with in_village(jlodro):
        assert not get_user_model().objects.filter(username="penyusup").exists()


def test_account_page_and_its_assets_stay_reachable(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = _issued_login(jlodro, client_for)
    assert client.get("/admin/account/").status_code == 200
    assert client.get("/admin/sprite/").status_code == 200
    assert client.get("/admin/jsi18n/").status_code == 200
    assert client.get("/admin/pages/").status_code == 302
