"""Password guessing is throttled (django-axes) per village + username and per client address, on the
village admin, the portal admin, the setup link and the password reset; the lock is short."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.utils import timezone

from villageweb.accounts.models import PasswordChangeRequired

from ..factories import in_village

pytestmark = pytest.mark.django_db

LOCKED_TEXT = "Terlalu banyak percobaan masuk yang gagal"


def _login(client, username, password, ip="198.51.100.7"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail(client, times, username="admin", ip="198.51.100.7"):
    """`times` wrong passwords: the form answers each until the one that reaches the limit (429)."""
    statuses = [_login(client, username, "salah-tebak", ip).status_code for _ in range(times)]
    assert statuses == [200] * (times - 1) + [429]


def test_guessing_a_village_admin_password_is_locked_out_with_429_in_indonesian(
    village_factory, client_for, settings
):
    jlodro = village_factory("Jlodro")
    client = client_for(jlodro.domain)
    _fail(client, settings.AXES_FAILURE_LIMIT)
    response = _login(client, "admin", jlodro.admin_password)
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "_auth_user_id" not in client.session


def test_lock_is_per_village_and_username_and_short(village_factory, client_for, settings):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    _fail(client_for(jlodro.domain), settings.AXES_FAILURE_LIMIT)
    # The same username on another village, even from the same address, is not locked.
    assert _login(client_for(wangi.domain), "admin", wangi.admin_password).status_code == 302
    # The owner, from another address, is locked out only for the cool-off.
    assert (
        _login(client_for(jlodro.domain), "admin", jlodro.admin_password, ip="203.0.113.9").status_code == 429
    )
    with in_village(jlodro):
        assert AccessAttempt.objects.filter(username="admin").exists()
        AccessAttempt.objects.update(
            attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
        )
    assert (
        _login(client_for(jlodro.domain), "admin", jlodro.admin_password, ip="203.0.113.9").status_code == 302
    )
    assert not AccessAttempt.objects.exists()  # nothing recorded in public for a village's log-in


def test_one_address_trying_many_usernames_is_locked_out(village_factory, client_for, settings):
    jlodro = village_factory("Jlodro")
    client = client_for(jlodro.domain)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"tebakan{n}", "salah-tebak")
    assert _login(client, "admin", jlodro.admin_password).status_code == 429
    assert (
        _login(client_for(jlodro.domain), "admin", jlodro.admin_password, ip="203.0.113.9").status_code == 302
    )


def test_portal_admin_log_in_is_throttled(platform, client_for, settings):
    get_user_model().objects.create_superuser("diskominfo", password="rahasia-123")
    client = client_for("localhost")
    _fail(client, settings.AXES_FAILURE_LIMIT, username="diskominfo")
    assert _login(client, "diskominfo", "rahasia-123").status_code == 429


def test_guessing_setup_link_tokens_is_locked_out(village_factory, client_for, settings):
    jlodro = village_factory("Jlodro", setup_link=True)
    client = client_for(jlodro.domain)
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [
        client.get(f"/akun/atur-kata-sandi/tebakan-{n}/", REMOTE_ADDR="198.51.100.7").status_code
        for n in range(limit)
    ]
    # Unknown tokens answer 404 until the one that reaches the limit.
    assert statuses == [404] * (limit - 1) + [429]
    real = jlodro.setup_url.removeprefix(jlodro.url.rstrip("/"))
    response = client.get(real, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429 and LOCKED_TEXT in response.content.decode()
    assert client.get(real, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_password_reset_requests_are_throttled(village_factory, client_for, settings):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        get_user_model().objects.filter(username="admin").update(email="sekdes@example.org")
        PasswordChangeRequired.objects.all().delete()
    client = client_for(jlodro.domain)
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [
        client.post("/admin/password_reset/", {"email": "sekdes@example.org"}).status_code
        for _ in range(limit)
    ]
    assert statuses == [302] * (limit - 1) + [429]
    assert client.post("/admin/password_reset/", {"email": "sekdes@example.org"}).status_code == 429


def test_guessing_password_reset_links_is_throttled(village_factory, client_for, settings):
    jlodro = village_factory("Jlodro")
    client = client_for(jlodro.domain)
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [
        client.get(f"/admin/password_reset/confirm/MQ/tebakan-{n}/").status_code for n in range(limit)
    ]
    assert statuses == [200] * (limit - 1) + [429]
    assert client.get("/admin/password_reset/confirm/MQ/tebakan-x/").status_code == 429
