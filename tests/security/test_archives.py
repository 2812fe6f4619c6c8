"""Archives: a restore takes nothing from a file that is not the one exported, nor public fields that
break provisioning's rules. (That even a trusted archive executes nothing: test_archive_code.py.)"""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_exists

from provisioning.models import VillageExport
from provisioning.services.archive import village_export, village_restore
from provisioning.services.lifecycle import LifecycleError
from tenants.models import Village
from villageweb.portal.federation.models import FederatedNewsItem

from ..factories import archive_member_append, make_news_page

pytestmark = pytest.mark.django_db(transaction=True)

COPY_CODE = "35.23.99.8101"
COPY_SCHEMA = "village_3523998101"


def _members(archive: Path) -> list[tuple[tarfile.TarInfo, bytes | None]]:
    with tarfile.open(archive, "r:gz") as tar:
        return [(m, tar.extractfile(m).read() if m.isfile() else None) for m in tar.getmembers()]


def _rewrite(archive: Path, out: Path, *, rows: bytes, manifest_updated: bool, recorded: bool) -> Path:
    """`archive` with `rows` added to its pages' data; optionally with an export record made for the
    new file (a "trusted" changed file)."""
    archive_member_append(
        archive, out, member="data/wagtailcore_page.copy", data=rows, manifest_updated=manifest_updated
    )
    if recorded:
        manifest = json.loads(_members(out)[-1][1])
        VillageExport.objects.create(
            code=manifest["code"],
            schema_name=manifest["schema"],
            path=str(out),
            sha256=hashlib.sha256(out.read_bytes()).hexdigest(),
            size_bytes=out.stat().st_size,
            created_at=timezone.now(),
        )
    return out


def _assert_nothing_restored():
    connection.set_schema_to_public()
    assert not Village.objects.filter(code=COPY_CODE).exists()
    assert not schema_exists(COPY_SCHEMA)
    assert not (Path(settings.MEDIA_ROOT) / COPY_SCHEMA).exists()


@pytest.fixture
def restored_cleanup():
    yield
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{COPY_SCHEMA}" CASCADE')
    Village.objects.filter(code=COPY_CODE).delete()
    shutil.rmtree(Path(settings.MEDIA_ROOT) / COPY_SCHEMA, ignore_errors=True)


def test_archive_changed_after_export_is_refused_and_nothing_is_created(
    transactional_village_factory, tmp_path, restored_cleanup
):
    jlodro = transactional_village_factory("Jlodro")
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive, actor="budi")
    change = b"999\t0001\t1\t0\tdiubah\n"

    for manifest_updated, recorded, reason in (
        (False, False, "tidak cocok dengan catatan ekspor"),
        (True, False, "tidak cocok dengan catatan ekspor"),
        (False, True, "tidak cocok dengan checksum di manifest"),
    ):
        out = tmp_path / f"changed-{manifest_updated}-{recorded}.tar.gz"
        _rewrite(archive, out, rows=change, manifest_updated=manifest_updated, recorded=recorded)
        with pytest.raises(LifecycleError, match=reason):
            village_restore(archive=out, code=COPY_CODE, subdomain="salinan", actor="budi")
        _assert_nothing_restored()

    restored = village_restore(archive=archive, code=COPY_CODE, subdomain="salinan", actor="budi")
    assert restored.schema_name == COPY_SCHEMA


def test_archive_with_invalid_public_fields_is_refused(
    transactional_village_factory, tmp_path, restored_cleanup
):
    jlodro = transactional_village_factory("Jlodro")
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive, actor="budi")
    members = _members(archive)
    base = json.loads(next(data for info, data in members if info.name == "public.json"))
    connection.set_schema_to_public()
    Village.objects.filter(code=jlodro.code).delete()  # its code and domain are free again
    cases = {
        "jenis desa": {"village": {**base["village"], "kind": "portal"}},
        "status desa": {"village": {**base["village"], "status": "dibajak"}},
        "dicadangkan": {**base, "domains": [{"domain": "admin.localhost", "is_primary": True}]},
        "adalah alamat portal": {**base, "domains": [{"domain": "localhost", "is_primary": True}]},
        "tepat satu domain utama": {**base, "domains": [{"domain": "jlodro.localhost", "is_primary": False}]},
    }
    for reason, public in cases.items():
        public = {**base, **public}
        out = tmp_path / f"public-{abs(hash(reason))}.tar.gz"
        body = json.dumps(public).encode()
        manifest = json.loads(next(data for info, data in members if info.name == "manifest.json"))
        manifest["checksums"]["public.json"] = hashlib.sha256(body).hexdigest()
        with tarfile.open(out, "w:gz") as tar:
            for info, data in members:
                data = {"public.json": body, "manifest.json": json.dumps(manifest).encode()}.get(
                    info.name, data
                )
                info.size = len(data or b"")
                tar.addfile(info, io.BytesIO(data) if data is not None else None)
        VillageExport.objects.create(
            code=jlodro.code,
            schema_name=jlodro.schema,
            path=str(out),
            sha256=hashlib.sha256(out.read_bytes()).hexdigest(),
            size_bytes=1,
            created_at=timezone.now(),
        )
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{jlodro.schema}" CASCADE')
        with pytest.raises(LifecycleError, match=reason):
            village_restore(archive=out, actor="budi")
        assert not Village.objects.filter(code=jlodro.code).exists()
        assert not schema_exists(jlodro.schema)


def test_restored_village_news_is_back_on_the_portal(
    transactional_village_factory, tmp_path, restored_cleanup, client_for
):
    jlodro = transactional_village_factory("Jlodro")
    make_news_page(village=jlodro, title="Panen raya jagung", slug="panen-raya")
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive, actor="budi")

    copy = village_restore(archive=archive, code=COPY_CODE, subdomain="salinan", actor="budi")

    items = FederatedNewsItem.objects.filter(village=copy)
    assert list(items.values_list("title", flat=True)) == ["Panen raya jagung"]
    portal = client_for(settings.VILLAGEWEB_BASE_DOMAIN).get("/berita-desa/")
    assert portal.status_code == 200
    assert portal.text.count("Panen raya jagung") >= 2  # the original and the restored copy
