"""The forced change of an issued password: a page of its own, usable without an e-mail address."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import in_village

pytestmark = pytest.mark.django_db

CHANGE_URL = "/admin/ganti-kata-sandi/"


def _logged_in(client_for, village):
    client = client_for(village.domain)
    response = client.post(
        "/admin/login/", {"username": village.admin_username, "password": village.admin_password}
    )
    assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture
def village(village_factory):
    result = village_factory()
    with in_village(result):
        get_user_model().objects.filter(username=result.admin_username).update(email="")
    return result


def test_issued_password_is_sent_to_the_change_page_not_the_sprite(village, client_for):
    client = _logged_in(client_for, village)

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == CHANGE_URL
    # A POST elsewhere is refused too.
    assert client.post("/admin/pages/search/", {}).status_code == 302

    sprite = client.get("/admin/sprite/?h=abc")
    assert sprite.status_code == 200
    assert b"<svg" in sprite.content

    page = client.get(CHANGE_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count(f'action="{CHANGE_URL}"') == 1
    assert html.count("<h1") == 1
    assert "kata sandi sementara" in html
    assert 'name="email"' not in html


def test_password_changes_without_email_then_admin_opens(village, client_for):
    client = _logged_in(client_for, village)
    new = "Kopi-Tuban-2026-sawah"

    wrong = client.post(CHANGE_URL, {"old_password": "salah", "new_password1": new, "new_password2": new})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302

    response = client.post(
        CHANGE_URL,
        {"old_password": village.admin_password, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    home = client.get("/admin/")
    assert home.status_code == 200
    assert "Kata sandi Anda sudah diganti." in home.content.decode()

    with in_village(village):
        user = get_user_model().objects.get(username=village.admin_username)
        assert user.email == ""
        assert user.check_password(new)

    # A fresh session with the new password goes straight in.
    fresh = client_for(village.domain)
    fresh.post("/admin/login/", {"username": village.admin_username, "password": new})
    assert fresh.get("/admin/").status_code == 200
