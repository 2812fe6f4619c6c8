import pytest
from django.core.management.base import CommandError

from ..factories import command_run

pytestmark = pytest.mark.django_db


def test_rename_village_moves_the_site_and_redirects_the_old_address(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    out = command_run("rename_village", jlodro.code, subdomain="jlodro-kenduruan")
    assert "Alamat utama Desa Jlodro: jlodro-kenduruan.localhost" in out
    assert f"{jlodro.domain} dialihkan (301)" in out
    response = client_for(jlodro.domain).get("/profil/")
    assert response.status_code == 301
    assert response["Location"] == "http://jlodro-kenduruan.localhost/profil/"


def test_rename_village_to_a_reserved_subdomain_fails(village_factory):
    jlodro = village_factory("Jlodro")
    with pytest.raises(CommandError, match="dicadangkan"):
        command_run("rename_village", jlodro.code, subdomain="admin")
