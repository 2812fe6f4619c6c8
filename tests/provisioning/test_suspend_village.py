import pytest
from django.core.management.base import CommandError

from tenants.models import Village

from ..factories import command_run, village_of

pytestmark = pytest.mark.django_db


def test_suspend_village_closes_the_site_and_says_so(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    out = command_run("suspend_village", jlodro.code)
    assert "Desa Jlodro dinonaktifkan sementara" in out
    assert village_of(jlodro).status == Village.Status.SUSPENDED
    assert client_for(jlodro.domain).get("/").status_code == 503


def test_suspend_village_with_unknown_code_fails_with_a_message(village_factory):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        command_run("suspend_village", "35.23.99.9999")
