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


def test_reset_village_admin_setup_link_lets_the_new_operator_set_a_password(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    out = command_run("reset_village_admin", jlodro.code, setup_link=True)
    assert "Berlaku sampai" in out
    url = re.search(r"Tautan:\s+(\S+)", out).group(1)
    path = url.split(jlodro.domain, 1)[1]
    client = client_for(jlodro.domain)
    form = client.get(path)
    assert form.status_code == 200
    new_password = "Sandi-Baru-Jlodro-2026"
    done = client.post(path, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code in (200, 302)
    login = client_for(jlodro.domain).post("/admin/login/", {"username": "admin", "password": new_password})
    assert login.status_code == 302
    assert client_for(jlodro.domain).get(path).status_code == 410
