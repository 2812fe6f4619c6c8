import pytest
from django.core.management.base import CommandError

from ..factories import command_run, village_of

pytestmark = pytest.mark.django_db


def test_add_domain_as_primary_moves_every_link_to_it(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    out = command_run("add_domain", jlodro.code, "jlodro.desa.id", primary=True)
    assert "jlodro.desa.id kini domain utama Desa Jlodro" in out
    assert village_of(jlodro).url == "http://jlodro.desa.id"
    assert client_for(jlodro.domain).get("/")["Location"] == "http://jlodro.desa.id/"


def test_add_domain_without_primary_redirects_it_to_the_primary(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    out = command_run("add_domain", jlodro.code, "jlodro.desa.id")
    assert f"dialihkan (301) ke domain utama {jlodro.domain}" in out
    assert client_for("jlodro.desa.id").get("/")["Location"] == f"http://{jlodro.domain}/"


def test_add_domain_with_a_bad_name_fails(village_factory):
    jlodro = village_factory("Jlodro")
    with pytest.raises(CommandError, match="tidak valid"):
        command_run("add_domain", jlodro.code, "jlodro_desa")
