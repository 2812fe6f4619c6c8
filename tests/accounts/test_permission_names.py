"""Group screens show permissions by their stored names, so villages store them in Indonesian."""

import pytest
from django.contrib.auth.models import Permission

from villageweb.accounts.services import permission_names_translate

from ..factories import in_village

pytestmark = pytest.mark.django_db


def test_new_village_permissions_have_indonesian_names(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        names = dict(Permission.objects.values_list("codename", "name"))
        assert names["add_image"] == "Dapat menambah gambar"
        assert names["publish_page"] == "Terbitkan halaman mana pun"
        assert names["access_admin"] == "Dapat mengakses admin situs"
        assert not Permission.objects.filter(name__startswith="Can ").exists()


def test_translating_permission_names_twice_changes_nothing(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        Permission.objects.filter(codename="change_document").update(name="Can change document")
        assert permission_names_translate() == 1
        assert permission_names_translate() == 0
        assert Permission.objects.get(codename="change_document").name == "Dapat mengubah dokumen"
