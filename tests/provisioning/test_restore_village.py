import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_exists

from provisioning.models import VillageExport
from tenants.models import Village

from ..factories import command_run

pytestmark = pytest.mark.django_db(transaction=True)


def test_restore_village_under_a_new_code_serves_a_copy(transactional_village_factory, tmp_path, client_for):
    jlodro = transactional_village_factory("Jlodro")
    archive = tmp_path / "jlodro.tar.gz"
    command_run("export_village", jlodro.code, output=str(archive))
    try:
        out = command_run("restore_village", str(archive), code="35.23.99.8002", subdomain="jlodro-salinan")
        assert "Desa Jlodro (35.23.99.8002) dipulihkan: http://jlodro-salinan.localhost/" in out
        assert client_for("jlodro-salinan.localhost").get("/").status_code == 200
    finally:
        with connection.cursor() as cursor:
            cursor.execute('DROP SCHEMA IF EXISTS "village_3523998002" CASCADE')
        shutil.rmtree(Path(settings.MEDIA_ROOT) / "village_3523998002", ignore_errors=True)
        Village.objects.filter(code="35.23.99.8002").delete()


def test_restore_village_from_a_missing_file_fails(transactional_village_factory, tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        command_run("restore_village", str(tmp_path / "hilang.tar.gz"))


def _with_manifest(archive: Path, out: Path, change) -> Path:
    """A copy of `archive` with its manifest changed by `change(manifest)`, recorded as an export."""
    with tarfile.open(archive, "r:gz") as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers() if m.isfile()]
    with tarfile.open(out, "w:gz") as tar:
        for info, data in members:
            if info.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    VillageExport.objects.create(
        code=manifest.get("code", ""),
        schema_name=manifest.get("schema", ""),
        path=str(out),
        sha256=hashlib.sha256(out.read_bytes()).hexdigest(),
        size_bytes=out.stat().st_size,
        created_at=timezone.now(),
    )
    return out


def _format_1(manifest: dict) -> None:
    manifest["format"] = 1
    del manifest["checksums"]  # format 1 had none


def test_restore_village_refuses_an_archive_of_another_format_and_says_what_to_do(
    transactional_village_factory, tmp_path
):
    jlodro = transactional_village_factory("Jlodro")
    archive = tmp_path / "jlodro.tar.gz"
    command_run("export_village", jlodro.code, output=str(archive))
    cases = {
        "format 1, dibuat oleh VillageWeb versi lama.*ekspor ulang.*cadangan basis data": _format_1,
        "format 2, dibuat oleh VillageWeb versi lama yang menyimpan desa sebagai perintah SQL": (
            lambda manifest: manifest.update(format=2)
        ),
        "format 4 dibuat oleh versi VillageWeb yang lebih baru": lambda manifest: manifest.update(format=4),
        "tidak menyebut format arsip": lambda manifest: manifest.pop("format"),
    }
    for number, (reason, change) in enumerate(cases.items()):
        old = _with_manifest(archive, tmp_path / f"format-{number}.tar.gz", change)
        with pytest.raises(CommandError, match=reason) as refused:
            command_run("restore_village", str(old), code="35.23.99.8003", subdomain="jlodro-lama")
        assert "Tidak ada yang dipulihkan" in str(refused.value)
        assert not Village.objects.filter(code="35.23.99.8003").exists()
        assert not schema_exists("village_3523998003")
