import pytest
from django.core.management.base import CommandError

from ..factories import command_run

pytestmark = pytest.mark.django_db


def test_resume_village_opens_a_suspended_site(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    command_run("suspend_village", jlodro.code)
    out = command_run("resume_village", jlodro.code)
    assert f"Desa Jlodro aktif kembali: http://{jlodro.domain}/" in out
    assert client_for(jlodro.domain).get("/").status_code == 200


def test_resume_village_that_is_active_fails(village_factory):
    jlodro = village_factory("Jlodro")
    with pytest.raises(CommandError, match="sudah aktif"):
        command_run("resume_village", jlodro.code)
