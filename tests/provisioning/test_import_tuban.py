"""The real list: all 328 Tuban villages imported for real by `manage.py import_villages`, in worker
processes, into a database of the test's own (a copy of the test database, dropped whole after)."""

import json
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings

from tenants.models import Village

from ..factories import subprocess_env

# A slow suite at full scale (328 villages): `bash bin/test --stack` and .ci/run.
pytestmark = pytest.mark.stack

TUBAN = str(settings.BASE_DIR / "provisioning" / "data" / "tuban_villages.csv")


def _import(database: str, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "manage.py", "import_villages", TUBAN, "--json", *args],
        cwd=settings.BASE_DIR,
        env={**subprocess_env(database), "VILLAGEWEB_IMPORT_WORKERS": "2"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.mark.heavy
def test_all_328_tuban_villages_are_imported_with_the_documented_subdomains(database_copy, tmp_path):
    result = _import(database_copy, "--handover", str(tmp_path))
    assert result["errors"] == [] and result["skipped"] == []
    assert len(result["created"]) == 328
    domains = {entry["name"] + "/" + entry["district_name"]: entry["domain"] for entry in result["created"]}
    assert len(set(domains.values())) == 328
    assert domains["Sugihwaras/Jenu"] == "sugihwaras-jenu.localhost"
    assert domains["Sugihwaras/Parengan"] == "sugihwaras-parengan.localhost"
    assert domains["Lajo Kidul/Singgahan"] == "lajo-kidul.localhost"
    with_district = [
        entry for entry in result["created"] if entry["domain"].count("-") and " " not in entry["name"]
    ]
    assert len(with_district) == 38
    spaced = [entry for entry in result["created"] if " " in entry["name"]]
    assert len(spaced) == 8 and all("-" in entry["domain"] for entry in spaced)

    table = Village._meta.db_table
    kinds = [str(kind) for kind in Village.VILLAGE_KINDS]
    with psycopg.connect(database_copy) as conn:
        counts = dict(
            conn.execute(
                f"SELECT kind, count(*) FROM public.{table} WHERE kind = ANY(%s) GROUP BY kind", [kinds]
            ).fetchall()
        )
        (schemas,) = conn.execute(
            f"SELECT count(*) FROM pg_namespace n JOIN public.{table} v ON v.schema_name = n.nspname "
            "WHERE v.kind = ANY(%s)",
            [kinds],
        ).fetchone()
    assert counts == {"desa": 311, "kelurahan": 17} and schemas == 328
    assert len(list(tmp_path.glob("35.23.*.html"))) == 20

    again = _import(database_copy)
    assert again["created"] == [] and len(again["skipped"]) == 328
    assert not any(entry["name_changed"] for entry in again["skipped"])
