"""The platform's main paths on a real Citus cluster (coordinator and two workers: `bash bin/citus start`).

One test, because the steps share one cluster and build on each other (and one test runs on one
pytest-xdist worker): start, platform, provisioning and import spread over both workers, pages and the
portal, publishing and federation, `migrate_villages`, the job runner, export, archive, purge and restore, a
village moved between workers, and a worker stopped (its villages answer the 503 page, the others and
the portal keep serving). Every command runs as the operator runs it: a `manage.py` process with
DATABASE_URL pointing at the coordinator.

Skipped where Debian's PostgreSQL 15 server or the Citus extension is not installed; CI (.ci/run)
builds them and sets VILLAGEWEB_REQUIRE_CITUS=1, so that there the test fails instead of skipping.
The cluster is the test's own (var/citus-test, ports 9705-9707), never a developer's (var/citus, 9700).
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# A real-stack suite (a Citus cluster): `bash bin/test --stack` and .ci/run.
pytestmark = pytest.mark.stack

PROJECT = Path(__file__).resolve().parent.parent.parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")
CITUS_SO = Path("/usr/lib/postgresql/15/lib/citus.so")
REQUIRED = os.environ.get("VILLAGEWEB_REQUIRE_CITUS") == "1"
CLUSTER_DIR = PROJECT / "var" / f"citus-test{os.environ.get('PYTEST_XDIST_WORKER', '')}"
CLUSTER_PORT = 9705
TUBAN = PROJECT / "provisioning" / "data" / "tuban_villages.csv"


def _cluster_env() -> dict:
    return {
        **os.environ,
        "VILLAGEWEB_CITUS_DIR": str(CLUSTER_DIR),
        "VILLAGEWEB_CITUS_PORT": str(CLUSTER_PORT),
    }


def _citus(*args: str) -> str:
    result = subprocess.run(
        ["bash", "bin/citus", *args],
        cwd=PROJECT,
        env=_cluster_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, f"bin/citus {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def cluster():
    if not (PG_BIN / "postgres").exists() or not CITUS_SO.exists():
        if REQUIRED:
            pytest.fail("VILLAGEWEB_REQUIRE_CITUS=1 but PostgreSQL 15 or Citus is missing (run .ci/run)")
        pytest.skip("PostgreSQL 15 (Debian) dan Citus tidak terpasang: bash bin/citus start memasangnya")
    shutil.rmtree(CLUSTER_DIR, ignore_errors=True)
    try:
        url = _citus("start").strip().splitlines()[-1]
        yield url
    finally:
        subprocess.run(["bash", "bin/citus", "stop"], cwd=PROJECT, env=_cluster_env(), capture_output=True)
        shutil.rmtree(CLUSTER_DIR, ignore_errors=True)


class Platform:
    """The platform on the cluster, driven as an operator drives it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "villageweb.settings.test",
            "VILLAGEWEB_IMPORT_WORKERS": "2",
        }

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        assert result.returncode == 0, (
            f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr[-3000:]}"
        )
        return result.stdout

    def get(self, *targets: str) -> dict[str, dict]:
        result = subprocess.run(
            [sys.executable, "-m", "bench.citus_probe", *targets],
            cwd=PROJECT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        answers = [json.loads(line) for line in result.stdout.splitlines()]
        return {answer["target"]: answer for answer in answers}

    def sql(self, query: str) -> list[tuple]:
        result = subprocess.run(
            [str(PG_BIN / "psql"), "-X", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", self.url, "-c", query],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return [tuple(line.split("\t")) for line in result.stdout.splitlines() if line]

    def node_of(self, schema: str) -> int:
        """The port of the worker holding `schema`'s tables (all on one: a distributed schema)."""
        ports = self.sql(  # Citus' metadata only: no worker is asked (one may be down)
            "SELECT DISTINCT n.nodeport FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid) "
            "JOIN pg_dist_node n ON n.groupid = p.groupid JOIN pg_class c ON c.oid = s.logicalrelid "
            f"WHERE c.relnamespace = '{schema}'::regnamespace"
        )
        assert len(ports) == 1, f"{schema} on {ports}"
        return int(ports[0][0])


@pytest.mark.heavy
def test_the_platform_runs_unchanged_on_a_citus_cluster(cluster, tmp_path):
    platform = Platform(cluster)
    assert cluster == f"postgres://postgres@127.0.0.1:{CLUSTER_PORT}/villageweb"
    status = _citus("status")
    assert "koordinator" in status and "pekerja 1" in status and "pekerja 2" in status
    workers = {CLUSTER_PORT + 1, CLUSTER_PORT + 2}

    # The platform: shared schema and template stay plain tables of the coordinator.
    platform.manage("init_platform")
    assert platform.sql("SELECT schema_name FROM citus_schemas") == []
    assert platform.sql("SELECT count(*) FROM citus_tables") == [("0",)]

    # One village by hand, three from the Tuban list: each a distributed schema, both workers used.
    provisioned = json.loads(
        platform.manage(
            "provision_village",
            "--code",
            "35.23.01.2001",
            "--name",
            "Jlodro",
            "--district",
            "Kenduruan",
            "--json",
        )
    )
    assert provisioned["schema"] == "village_3523012001"
    output = platform.manage("import_villages", str(TUBAN), "--limit", "3")
    assert "3 desa dibuat" in output, output
    schemas = [name for (name,) in platform.sql("SELECT schema_name::text FROM citus_schemas ORDER BY 1")]
    assert schemas == [f"village_352301200{n}" for n in range(1, 5)]
    tables = platform.sql(
        "SELECT count(*), count(DISTINCT colocation_id) FROM citus_tables WHERE citus_table_type = 'schema'"
    )
    assert int(tables[0][0]) > 90 * 4 and tables[0][1] == "4"  # every table, one colocation group a village
    placement = {schema: platform.node_of(schema) for schema in schemas}
    assert set(placement.values()) == workers, placement
    status = _citus("status")
    assert "skema desa" in status

    # Pages, the portal, publishing and federation.
    platform.manage(
        "publish_news",
        "--village",
        "35.23.01.2002",
        "--title",
        "Kerja bakti saluran irigasi",
        "--summary",
        "Warga membersihkan saluran irigasi sawah.",
    )
    hosts = json.loads(platform.sql("SELECT json_object_agg(tenant_id, domain) FROM tenants_domain")[0][0])
    ids = dict(platform.sql("SELECT schema_name, id FROM tenants_village"))
    host = {schema: hosts[ids[schema]] for schema in schemas}
    pages = platform.get(
        *(f"{host[schema]}/" for schema in schemas),
        f"{host['village_3523012002']}/berita/kerja-bakti-saluran-irigasi/",
        "localhost/",
        "localhost/berita-desa/",
        "localhost/desa/",
    )
    assert {target: page["status"] for target, page in pages.items()} == dict.fromkeys(pages, 200)
    assert "Kerja bakti saluran irigasi" in pages["localhost/berita-desa/"]["body"]

    # Every village's schema update and the job runner.
    assert "0 gagal" in platform.manage("migrate_villages")
    platform.manage("run_jobs", "--once")

    # Export, archive and purge: the village's schema leaves its worker.
    archive = tmp_path / "35.23.01.2004.tar.gz"
    platform.manage("archive_village", "35.23.01.2004")
    platform.manage("export_village", "35.23.01.2004", "--output", str(archive))
    assert archive.stat().st_size > 10_000
    platform.manage("purge_village", "35.23.01.2004", "--noinput")
    assert "village_3523012004" not in [
        name for (name,) in platform.sql("SELECT schema_name FROM citus_schemas")
    ]
    assert platform.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'village_3523012004'") == [("0",)]
    # ... and comes back under another code from its archive: a distributed schema again, writable.
    platform.manage("restore_village", str(archive), "--code", "35.23.01.2097", "--subdomain", "pulih")
    assert platform.node_of("village_3523012097") in workers
    platform.manage("resume_village", "35.23.01.2097")  # it was archived when exported
    platform.manage(
        "publish_news",
        "--village",
        "35.23.01.2097",
        "--title",
        "Kabar setelah pulih",
        "--summary",
        "Situs pulih.",
    )
    restored = platform.get("pulih.localhost/", "pulih.localhost/berita/kabar-setelah-pulih/")
    assert [page["status"] for page in restored.values()] == [200, 200]

    # A village moved to the other worker keeps its site; afterwards both workers hold villages.
    anchor = platform.node_of("village_3523012001")
    on_anchor = [schema for schema in schemas[1:3] if platform.node_of(schema) == anchor]
    moved = on_anchor[0] if on_anchor else "village_3523012002"
    target = (workers - {anchor}).pop() if on_anchor else anchor
    platform.sql(
        f"SELECT citus_schema_move('{moved}', '127.0.0.1', {target}, shard_transfer_mode => 'block_writes')"
    )
    assert platform.node_of(moved) == target
    page = platform.get(f"{host[moved]}/")
    assert next(iter(page.values()))["status"] == 200

    # A worker down: its villages answer the 503 page; the others and the portal keep serving.
    on_down = [schema for schema in schemas[:3] if platform.node_of(schema) == anchor]
    on_up = [schema for schema in schemas[:3] if platform.node_of(schema) != anchor]
    assert on_down and on_up, (on_down, on_up)
    _citus("stop-node", str(anchor - CLUSTER_PORT))
    try:
        pages = platform.get(
            *(f"{host[schema]}/" for schema in on_down + on_up), "localhost/", "localhost/berita-desa/"
        )
    finally:
        _citus("start-node", str(anchor - CLUSTER_PORT))
    for schema in on_down:
        page = pages[f"{host[schema]}/"]
        assert page["status"] == 503 and page["h1"] == ["Situs sedang gangguan"], page["h1"]
    for target in [f"{host[schema]}/" for schema in on_up] + ["localhost/", "localhost/berita-desa/"]:
        assert pages[target]["status"] == 200, target
