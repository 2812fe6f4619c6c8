import tarfile

import pytest
from django.core.management.base import CommandError

from provisioning.models import VillageExport

from ..factories import command_run

pytestmark = pytest.mark.django_db(transaction=True)


def test_export_village_writes_one_archive_and_records_it(transactional_village_factory, tmp_path):
    jlodro = transactional_village_factory("Jlodro")
    archive = tmp_path / "jlodro.tar.gz"
    out = command_run("export_village", jlodro.code, output=str(archive))
    export = VillageExport.objects.get(code=jlodro.code)
    assert f"Ekspor {jlodro.code} selesai: {archive}" in out and export.sha256 in out
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"manifest.json", "public.json", "data/wagtailcore_page.copy"} <= names
    assert not [name for name in names if name.endswith(".sql")]


def test_export_village_into_a_missing_folder_fails(transactional_village_factory, tmp_path):
    jlodro = transactional_village_factory("Jlodro")
    with pytest.raises(CommandError, match="tidak ada"):
        command_run("export_village", jlodro.code, output=str(tmp_path / "tidak" / "ada.tar.gz"))
    assert not VillageExport.objects.exists()
