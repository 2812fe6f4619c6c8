import pytest
from django.core.management.base import CommandError

from ..factories import command_run

pytestmark = pytest.mark.django_db


def test_archive_village_makes_the_site_unreachable(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    out = command_run("archive_village", jlodro.code)
    assert "Desa Jlodro diarsipkan" in out
    assert client_for(jlodro.domain).get("/").status_code == 404


def test_archive_village_twice_fails(village_factory):
    jlodro = village_factory("Jlodro")
    command_run("archive_village", jlodro.code)
    with pytest.raises(CommandError, match="sudah diarsipkan"):
        command_run("archive_village", jlodro.code)
