"""Restoring an archive never executes code that came from it (issue #26, item 1).

Each hostile archive here is "trusted": it carries an export record with its checksum, as a
compromised export or a stolen backup re-registered by an operator would. The canary is a public
sequence every role may advance (sequences are not transactional, so a payload that ran and was then
rolled back still leaves its mark) plus a file a `COPY ... PROGRAM` would create: after each refusal
neither moved, and nothing of the village was committed.
"""

import hashlib
import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_exists
from wagtail.models import Page

from provisioning.models import VillageExport
from provisioning.services.archive import village_export, village_restore
from provisioning.services.lifecycle import LifecycleError
from tenants.models import Village

from ..factories import in_village, make_news_page

pytestmark = pytest.mark.django_db(transaction=True)

COPY_CODE = "35.23.99.8201"
COPY_SCHEMA = "village_3523998201"
CANARY = "public.vw_archive_canary"


def _canary() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_value, is_called FROM {CANARY}")
        value, called = cursor.fetchone()
    return value if called else 0


@pytest.fixture
def canary(tmp_path):
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SEQUENCE IF EXISTS {CANARY}")
        cursor.execute(f"CREATE SEQUENCE {CANARY}")
        cursor.execute(f"GRANT USAGE, UPDATE ON SEQUENCE {CANARY} TO PUBLIC")
    yield tmp_path / "program-ran"
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SEQUENCE IF EXISTS {CANARY}")
        cursor.execute(f'DROP SCHEMA IF EXISTS "{COPY_SCHEMA}" CASCADE')
    Village.objects.filter(code=COPY_CODE).delete()


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def _trusted_variant(archive: Path, out: Path, change: Callable[[dict, dict], None]) -> Path:
    """A copy of `archive` changed by `change(manifest, members)`, checksums brought in line and an
    export record made for it: the platform would take it for its own."""
    members = _members(archive)
    manifest = json.loads(members.pop("manifest.json"))
    change(manifest, members)
    manifest["checksums"] = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    with tarfile.open(out, "w:gz") as tar:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    VillageExport.objects.create(
        code=manifest["code"],
        schema_name=manifest["schema"],
        path=str(out),
        sha256=hashlib.sha256(out.read_bytes()).hexdigest(),
        size_bytes=out.stat().st_size,
        created_at=timezone.now(),
    )
    return out


def _assert_refused_and_nothing_ran(archive: Path, marker: Path, reason: str = "Arsip ditolak") -> None:
    with pytest.raises(LifecycleError, match=reason):
        village_restore(archive=archive, code=COPY_CODE, subdomain="salinan", actor="budi")
    connection.set_schema_to_public()
    assert _canary() == 0, "the archive's code ran"
    assert not marker.exists(), "the archive ran a server program"
    assert not Village.objects.filter(code=COPY_CODE).exists()
    assert not schema_exists(COPY_SCHEMA)
    assert not (Path(settings.MEDIA_ROOT) / COPY_SCHEMA).exists()


def _payloads(schema: str, marker: Path) -> dict[str, str]:
    bump = f"PERFORM pg_catalog.nextval('{CANARY}');"
    return {
        # Views and functions named like the catalogue in the village's own schema, with search_path
        # left pointing there: any later check reading `pg_proc` or calling current_database() unqualified
        # runs the archive's function with the platform's rights.
        "shadowed catalogue": (
            f'CREATE FUNCTION "{schema}".current_database() RETURNS name LANGUAGE plpgsql AS '
            f"$$ BEGIN {bump} RETURN 'x'; END $$;\n"
            f'CREATE FUNCTION "{schema}".canary_oid() RETURNS oid LANGUAGE plpgsql AS '
            f"$$ BEGIN {bump} RETURN 0; END $$;\n"
            f'CREATE VIEW "{schema}".pg_proc AS SELECT "{schema}".canary_oid() AS oid, '
            "'x'::name AS proname, 0::oid AS pronamespace, 0::oid AS proowner;\n"
            f'CREATE VIEW "{schema}".pg_class AS SELECT "{schema}".canary_oid() AS oid, '
            "'x'::name AS relname, 0::oid AS relnamespace, 'r'::char AS relkind, 0::oid AS relowner;\n"
            f"SELECT pg_catalog.set_config('search_path', '\"{schema}\", pg_catalog', false);\n"
        ),
        "DO block": f"DO $$ BEGIN {bump} END $$;",
        "COPY PROGRAM": f"COPY (SELECT 1) TO PROGRAM 'touch {marker}';",
        "SET ROLE": f"SET ROLE NONE; DO $$ BEGIN {bump} END $$;",
        "trigger": (
            f'CREATE FUNCTION "{schema}".pintu() RETURNS trigger LANGUAGE plpgsql AS '
            f"$$ BEGIN {bump} RETURN NEW; END $$;\n"
            f'CREATE TRIGGER pintu BEFORE INSERT OR UPDATE ON "{schema}".wagtailcore_site '
            f'FOR EACH ROW EXECUTE FUNCTION "{schema}".pintu();\n'
        ),
        "view": (
            f'CREATE FUNCTION "{schema}".intip() RETURNS int LANGUAGE plpgsql AS '
            f"$$ BEGIN {bump} RETURN 1; END $$;\n"
            f'CREATE VIEW "{schema}".django_site AS SELECT "{schema}".intip() AS id;\n'
        ),
    }


@pytest.fixture
def exported(transactional_village_factory, tmp_path):
    jlodro = transactional_village_factory("Jlodro")
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive, actor="budi")
    return jlodro, archive


def test_an_archive_carrying_sql_is_refused_before_any_of_it_runs(exported, canary, tmp_path):
    """The archive format that replayed a schema.sql: each kind of code in it, alone."""
    jlodro, archive = exported
    migrations = json.loads(_members(archive)["manifest.json"])["migrations"]
    for name, payload in _payloads(jlodro.schema, canary).items():

        def as_sql_dump(manifest, members, payload=payload):
            manifest.update(format=2, migrations=migrations)
            for member in [m for m in members if m != "public.json" and not m.startswith("media/")]:
                del members[member]
            members["schema.sql"] = f'CREATE SCHEMA "{jlodro.schema}";\n{payload}\n'.encode()

        out = _trusted_variant(archive, tmp_path / f"sql-{abs(hash(name))}.tar.gz", as_sql_dump)
        _assert_refused_and_nothing_ran(out, canary)


def test_sql_smuggled_into_a_rows_archive_is_refused_or_stays_data(exported, canary, tmp_path):
    jlodro, archive = exported
    shadow = _payloads(jlodro.schema, canary)["shadowed catalogue"]
    do_block = _payloads(jlodro.schema, canary)["DO block"]

    def extra_member(manifest, members):
        members["schema.sql"] = shadow.encode()

    def unknown_table(manifest, members):
        manifest["tables"]["pg_proc"] = ["oid", "proname"]
        members["data/pg_proc.copy"] = b"1\tx\n"

    def table_name_as_sql(manifest, members):
        name = f"wagtailcore_site; {do_block} --"
        manifest["tables"][name] = manifest["tables"].pop("wagtailcore_site")
        members[f"data/{name}.copy"] = members.pop("data/wagtailcore_site.copy")

    def column_name_as_sql(manifest, members):
        columns = manifest["tables"]["wagtailcore_site"]
        columns[-1] = f"{columns[-1]}) FROM PROGRAM 'touch {canary}'; {do_block} --"

    def missing_data(manifest, members):
        del members["data/wagtailcore_page.copy"]

    def media_path_outside(manifest, members):
        members["media/../../escape.txt"] = b"x"

    for name, change, reason in (
        ("extra member", extra_member, "tidak dikenal"),
        ("unknown table", unknown_table, "tabel pg_proc tidak dikenal"),
        ("table name as sql", table_name_as_sql, "tidak dikenal"),
        ("column name as sql", column_name_as_sql, "kolom"),
        ("missing data", missing_data, "tidak lengkap"),
        ("media outside", media_path_outside, "media"),
    ):
        out = _trusted_variant(archive, tmp_path / f"{name.replace(' ', '-')}.tar.gz", change)
        _assert_refused_and_nothing_ran(out, canary, reason)

    # SQL inside a value is a value: the restored page has it as its title, and nothing ran.
    title = f"'); {do_block} COPY (SELECT 1) TO PROGRAM 'id'; --\n\\.\n{do_block}"
    assert len(title) < 255
    make_news_page("Berita", village=jlodro, slug="berita-aneh")
    with in_village(jlodro):
        Page.objects.filter(slug="berita-aneh").update(title=title)
    connection.set_schema_to_public()
    village_export(code=jlodro.code, output=tmp_path / "title.tar.gz", actor="budi")
    restored = village_restore(
        archive=tmp_path / "title.tar.gz", code=COPY_CODE, subdomain="salinan", actor="budi"
    )
    assert _canary() == 0 and not canary.exists()
    with in_village(type("R", (), {"schema": restored.schema_name})):
        assert Page.objects.get(slug="berita-aneh").title == title
