"""provision_village --setup-link: no password at all, a one-time link instead (documented JSON)."""

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ARGS = ["--code", "35.23.01.2001", "--name", "Jlodro", "--district", "Kenduruan"]


def test_setup_link_json_has_null_password_and_the_link_with_expiry(platform):
    out = io.StringIO()
    call_command("provision_village", *ARGS, "--setup-link", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert list(result) == [
        "code",
        "schema",
        "domain",
        "url",
        "admin_url",
        "admin_username",
        "admin_password",
        "setup_url",
        "setup_expires_at",
    ]
    assert result["admin_password"] is None
    assert result["setup_url"].startswith("http://jlodro.localhost/akun/atur-kata-sandi/")
    assert result["setup_expires_at"].endswith("+07:00")


def test_without_setup_link_the_json_contract_is_unchanged(platform):
    out = io.StringIO()
    call_command("provision_village", *ARGS, "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert set(result) == {"code", "schema", "domain", "url", "admin_url", "admin_username", "admin_password"}
    assert len(result["admin_password"]) == 14


def test_setup_link_text_output_shows_the_link_and_its_expiry(platform):
    out = io.StringIO()
    call_command("provision_village", *ARGS, "--setup-link", stdout=out)
    text = out.getvalue()
    assert "Tautan atur kata sandi: http://jlodro.localhost/akun/atur-kata-sandi/" in text
    assert "berlaku sampai" in text and "Kata sandi:" not in text
