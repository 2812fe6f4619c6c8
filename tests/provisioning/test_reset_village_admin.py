import re

import pytest
from django.core.management.base import CommandError

from ..factories import command_run

pytestmark = pytest.mark.django_db


def test_reset_village_admin_prints_a_one_time_password_that_logs_in(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    out = command_run("reset_village_admin", jlodro.code)
    password = re.search(r"Kata sandi: (\S+)", out).group(1)
    assert "wajib diganti" in out
    login = client_for(jlodro.domain).post("/admin/login/", {"username": "admin", "password": password})
    assert login.status_code == 302


def test_reset_village_admin_for_unknown_user_fails(village_factory):
    jlodro = village_factory("Jlodro")
    with pytest.raises(CommandError, match="Pengguna 'lurah' tidak ada"):
        command_run("reset_village_admin", jlodro.code, username="lurah")


def test_reset_village_admin_setup_link_is_not_available_yet(village_factory):
    jlodro = village_factory("Jlodro")
    with pytest.raises(CommandError, match="--setup-link belum tersedia"):
        command_run("reset_village_admin", jlodro.code, setup_link=True)
