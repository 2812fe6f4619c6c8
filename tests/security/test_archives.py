"""Archives: a restore runs nothing from a file that is not the one exported, and even a trusted
archive reaches nothing but the one village schema it restores (provisioning.sql_replay)."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_exists
from wagtail.models import Page

from provisioning.archive import village_export, village_restore
from provisioning.lifecycle import LifecycleError
from provisioning.models import VillageExport
from provisioning.sql_replay import RESTORE_ROLE
from tenants.models import Village
from villageweb.portal.federation.models import FederatedNewsItem

from ..factories import archive_sql_append, in_village, make_news_page

pytestmark = pytest.mark.django_db(transaction=True)

COPY_CODE = "35.23.99.8101"
COPY_SCHEMA = "village_3523998101"


def _members(archive: Path) -> list[tuple[tarfile.TarInfo, bytes | None]]:
    with tarfile.open(archive, "r:gz") as tar:
        return [(m, tar.extractfile(m).read() if m.isfile() else None) for m in tar.getmembers()]


def _rewrite(archive: Path, out: Path, *, sql_suffix: str, manifest_updated: bool, recorded: bool) -> Path:
    """`archive` with `sql_suffix` appended to its schema.sql; optionally with an export record made for
    the new file (a "trusted" hostile file)."""
    archive_sql_append(archive, out, sql=sql_suffix, manifest_updated=manifest_updated)
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
        cursor.execute("DROP ROLE IF EXISTS villageweb_evil")
    Village.objects.filter(code=COPY_CODE).delete()


def test_archive_changed_after_export_is_refused_and_nothing_is_created(
    transactional_village_factory, tmp_path, restored_cleanup
):
    jlodro = transactional_village_factory("Jlodro")
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive)
    change = "\nUPDATE wagtailcore_page SET title = 'diubah';\n"

    for manifest_updated, recorded, reason in (
        (False, False, "tidak cocok dengan catatan ekspor"),
        (True, False, "tidak cocok dengan catatan ekspor"),
        (False, True, "tidak cocok dengan checksum di manifest"),
    ):
        out = tmp_path / f"changed-{manifest_updated}-{recorded}.tar.gz"
        _rewrite(archive, out, sql_suffix=change, manifest_updated=manifest_updated, recorded=recorded)
        with pytest.raises(LifecycleError, match=reason):
            village_restore(archive=out, code=COPY_CODE, subdomain="salinan")
        _assert_nothing_restored()

    restored = village_restore(archive=archive, code=COPY_CODE, subdomain="salinan")
    assert restored.schema_name == COPY_SCHEMA


def test_hostile_sql_in_a_trusted_archive_reaches_nothing_outside_its_schema(
    transactional_village_factory, tmp_path, restored_cleanup
):
    jlodro = transactional_village_factory("Jlodro")
    victim = transactional_village_factory("Sumurgeneng")
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive)
    with in_village(victim):
        victim_titles = sorted(Page.objects.values_list("title", flat=True))
    marker = tmp_path / "program-ran"
    schema, other = jlodro.schema, victim.schema
    village_table = Village._meta.db_table
    payloads = {
        "copy to program": f"COPY (SELECT 1) TO PROGRAM 'touch {marker}';",
        "copy from program": f"COPY \"{schema}\".django_migrations (app) FROM PROGRAM 'touch {marker}';",
        "create role": "CREATE ROLE villageweb_evil SUPERUSER LOGIN;",
        "reset role first": "RESET ROLE; CREATE ROLE villageweb_evil SUPERUSER LOGIN;",
        "set_config role": "SELECT pg_catalog.set_config('role', session_user, false); "
        "CREATE ROLE villageweb_evil;",
        "session authorization": "SET SESSION AUTHORIZATION DEFAULT; CREATE ROLE villageweb_evil;",
        "search_path to another village": f"SET search_path = {other}; "
        "UPDATE wagtailcore_page SET title = 'diretas';",
        "another village qualified": f"UPDATE \"{other}\".wagtailcore_page SET title = 'diretas';",
        "another village drop": f'DROP SCHEMA "{other}" CASCADE;',
        "public rows": f"UPDATE public.{village_table} SET name = 'diretas';",
        "server file": "SELECT pg_catalog.pg_read_file('/etc/passwd');",
        "trigger left behind": (
            f'CREATE FUNCTION "{schema}".pintu() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN '
            f'RETURN NEW; END $$; CREATE TRIGGER pintu BEFORE INSERT ON "{schema}".wagtailcore_page '
            f'FOR EACH ROW EXECUTE FUNCTION "{schema}".pintu();'
        ),
        "temporary table the platform writes to": (
            "CREATE FUNCTION pg_temp.pintu() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"UPDATE public.{village_table} SET name = 'diretas'; RETURN NEW; END $$; "
            "CREATE TEMPORARY TABLE wagtailcore_site (id int, is_default_site bool, hostname text); "
            "INSERT INTO pg_temp.wagtailcore_site VALUES (1, true, 'x'); "
            "CREATE TRIGGER pintu BEFORE UPDATE ON pg_temp.wagtailcore_site "
            "FOR EACH ROW EXECUTE FUNCTION pg_temp.pintu();"
        ),
        "default that runs as the platform": (
            f'ALTER TABLE "{schema}".wagtailcore_page ALTER COLUMN title '
            "SET DEFAULT pg_catalog.current_setting('data_directory');"
        ),
    }
    for name, payload in payloads.items():
        out = _rewrite(
            archive,
            tmp_path / f"{len(name)}-{abs(hash(name))}.tar.gz",
            sql_suffix=f"\n{payload}\n",
            manifest_updated=True,
            recorded=True,
        )
        with pytest.raises(LifecycleError, match="Arsip ditolak"):
            village_restore(archive=out, code=COPY_CODE, subdomain="salinan")
        _assert_nothing_restored()
        assert not marker.exists(), name

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_roles WHERE rolname = 'villageweb_evil'")
        assert cursor.fetchone()[0] == 0
    assert schema_exists(other)
    with in_village(victim):
        assert sorted(Page.objects.values_list("title", flat=True)) == victim_titles
    connection.set_schema_to_public()
    assert not Village.objects.filter(name="diretas").exists()

    # The same archive untouched restores; afterwards the restricted role owns nothing.
    village_restore(archive=archive, code=COPY_CODE, subdomain="salinan")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolcanlogin FROM pg_roles WHERE rolname = %s",
            [RESTORE_ROLE],
        )
        assert cursor.fetchone() == (False, False, False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = %s)",
            [RESTORE_ROLE],
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            "SELECT nspowner::regrole::text = current_user FROM pg_namespace WHERE nspname = %s",
            [COPY_SCHEMA],
        )
        assert cursor.fetchone()[0] is True


def test_archive_with_invalid_public_fields_is_refused(
    transactional_village_factory, tmp_path, restored_cleanup
):
    jlodro = transactional_village_factory("Jlodro")
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive)
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
            village_restore(archive=out)
        assert not Village.objects.filter(code=jlodro.code).exists()
        assert not schema_exists(jlodro.schema)


def test_restored_village_news_is_back_on_the_portal(
    transactional_village_factory, tmp_path, restored_cleanup, client_for
):
    jlodro = transactional_village_factory("Jlodro")
    make_news_page(village=jlodro, title="Panen raya jagung", slug="panen-raya")
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive)

    copy = village_restore(archive=archive, code=COPY_CODE, subdomain="salinan")

    items = FederatedNewsItem.objects.filter(village=copy)
    assert list(items.values_list("title", flat=True)) == ["Panen raya jagung"]
    portal = client_for(settings.VILLAGEWEB_BASE_DOMAIN).get("/berita-desa/")
    assert portal.status_code == 200
    assert portal.text.count("Panen raya jagung") >= 2  # the original and the restored copy
