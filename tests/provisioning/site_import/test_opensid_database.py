"""import_site --opensid mysql://...: a live OpenSID database, served by a throwaway MariaDB the test
starts itself (its own data folder under the git-ignored var/, its own socket, no network), is read with
SELECTs of the allowed tables only; MariaDB's general log proves which statements reached it."""

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pymysql
import pytest

from tests.factories import command_run, in_village
from villageweb.database import PROJECT_DIR
from villageweb.news.models import NewsPage

# A real-stack suite (a MariaDB server): `bash bin/test --stack` and .ci/run.
pytestmark = pytest.mark.stack

FIXTURES = Path(__file__).parent / "fixtures"


def _binary(name: str) -> str:
    found = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
    if found is None:
        pytest.skip(f"{name} tidak terpasang (apt-get install mariadb-server; .ci/run memasangnya)")
    return found


@pytest.fixture(scope="module")
def opensid_database():
    mariadbd, install, client = _binary("mariadbd"), _binary("mariadb-install-db"), _binary("mariadb")
    root = PROJECT_DIR / "var" / f"site-import-mariadb-{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    data, sock, log = root / "data", root / "mysqld.sock", root / "general.log"
    data.mkdir(parents=True)
    subprocess.run(
        [
            install,
            "--no-defaults",
            f"--datadir={data}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            "--user=root",
        ],
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [
            mariadbd,
            "--no-defaults",
            f"--datadir={data}",
            f"--socket={sock}",
            "--skip-networking",
            f"--pid-file={root / 'mysqld.pid'}",
            f"--log-error={root / 'error.log'}",
            "--user=root",
            "--general-log=1",
            f"--general-log-file={log}",
            "--character-set-server=utf8mb4",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                pymysql.connect(unix_socket=str(sock), user="root").close()
                break
            except pymysql.MySQLError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError((root / "error.log").read_text(errors="replace")[-2000:]) from None
                time.sleep(0.1)
        # Loading our own fixture is the one place a backup is executed: by the mariadb client, into
        # this throwaway server, the way an OpenSID site's database was filled.
        subprocess.run(
            [client, "--no-defaults", f"--socket={sock}", "-uroot", "-e", "CREATE DATABASE opensid"],
            check=True,
        )
        with (FIXTURES / "opensid-v2-2021.sql").open("rb") as backup:
            subprocess.run(
                [client, "--no-defaults", f"--socket={sock}", "-uroot", "--binary-mode", "opensid"],
                stdin=backup,
                check=True,
            )
        log.write_text("")
        yield f"mysql://root@localhost/opensid?socket={sock}", log
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def test_live_database_imports_like_its_backup_and_only_allowed_tables_are_queried(
    village_factory, opensid_database
):
    url, log = opensid_database
    village = village_factory()
    report = json.loads(command_run("import_site", "--village", village.code, "--opensid", url, "--json"))
    assert (
        report["counts"]["news"] == 2 and report["counts"]["events"] == 1 and report["counts"]["pages"] == 1
    )
    with in_village(village):
        blt = NewsPage.objects.get(slug="penyaluran-blt-dana-desa-tahap-iii")
        assert blt.byline == "Wulan Kasi Pelayanan" and blt.live
    queries = [line for line in log.read_text(errors="replace").splitlines() if "Query" in line]
    selects = [line.split("Query", 1)[1].strip() for line in queries if "SELECT" in line.upper()]
    assert "SELECT `id`, `nama` FROM `user`" in selects
    assert any("FROM `artikel`" in select for select in selects)
    for forbidden in ("tweb_penduduk", "tweb_keluarga", "log_surat", "program_peserta", "password"):
        assert not any(forbidden in query for query in queries), forbidden


def test_an_unreachable_database_is_a_clear_error(village_factory, tmp_path):
    village = village_factory()
    with pytest.raises(Exception, match="Tidak dapat tersambung ke basis data OpenSID"):
        command_run(
            "import_site",
            "--village",
            village.code,
            "--opensid",
            f"mysql://root@localhost/opensid?socket={tmp_path / 'tidak-ada.sock'}",
        )
