"""The real list: all 328 Tuban villages imported for real (committed, then removed), in worker processes."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tenants.models import Village

pytestmark = pytest.mark.django_db(transaction=True)

TUBAN = str(settings.BASE_DIR / "provisioning" / "data" / "tuban_villages.csv")


@pytest.fixture
def committed_platform(transactional_db):
    from provisioning.services import platform_init

    platform_init(migrate=False)
    connection.set_schema_to_public()
    yield
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'village\\_35%%'")
        for (schema,) in cursor.fetchall():
            cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.mark.heavy
def test_all_328_tuban_villages_are_imported_with_the_documented_subdomains(
    committed_platform, settings, tmp_path
):
    settings.VILLAGEWEB_IMPORT_WORKERS = 2
    out = io.StringIO()
    call_command("import_villages", TUBAN, "--json", "--handover", str(tmp_path), stdout=out)
    result = json.loads(out.getvalue())
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

    villages = Village.objects.villages()
    assert villages.count() == 328
    assert villages.filter(kind="kelurahan").count() == 17
    assert len(list(tmp_path.glob("35.23.*.html"))) == 20

    rerun = io.StringIO()
    call_command("import_villages", TUBAN, "--json", stdout=rerun)
    again = json.loads(rerun.getvalue())
    assert again["created"] == [] and len(again["skipped"]) == 328
    assert not any(entry["name_changed"] for entry in again["skipped"])
