"""Issue #29's path in Debian's chromium at 375 px (tests/browser/catalogue-path.js): the portal's
search finds "akta kelahiran", the start page states what to bring, where and what it costs, "Mulai"
opens the OPD's application, and "Apakah halaman ini membantu?" is answered."""

import json
import os
import subprocess
from urllib.parse import urlsplit

import pytest
from django.db import connection

from villageweb.services.demo import provider_services_fill
from villageweb.services.models import ServiceFeedback

from ..factories import in_village, village_of
from ..themes.test_accessibility import BROWSER_DIR, CHROMIUM, pytestmark  # noqa: F401


@pytest.mark.heavy
def test_phone_finds_reads_starts_and_rates_a_service(
    transactional_village_factory, live_server, tmp_path, settings
):
    settings.VILLAGEWEB_URL_PORT = port = urlsplit(live_server.url).port
    dukcapil = transactional_village_factory(
        "Dinas Kependudukan dan Pencatatan Sipil", code="OPD.DUKCAPIL", kind="opd"
    )
    with in_village(dukcapil):
        provider_services_fill(village=village_of(dukcapil))
    connection.set_schema_to_public()
    config = tmp_path / "path.json"
    config.write_text(
        json.dumps(
            {
                "portal": f"http://localhost:{port}",
                "applicationPattern": "https://dukcapil.tubankab.go.id/**",
                "screenshots": os.environ.get("VILLAGEWEB_SCREENSHOTS_DIR") or "",
            }
        )
    )
    run = subprocess.run(
        ["node", "catalogue-path.js", str(config)],
        cwd=BROWSER_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
    )
    assert run.returncode == 0, run.stderr
    steps = {row["name"]: row for row in json.loads(run.stdout)["steps"]}
    assert list(steps) == ["portal-cari", "halaman-layanan", "mulai", "umpan-balik"]
    for name, row in steps.items():
        assert row["status"] == 200, (name, row)
        assert row["scrollWidth"] <= 375, (name, row["scrollWidth"])
        assert row.get("axe", []) == [], (name, row.get("axe"))

    search = steps["portal-cari"]
    assert search["results"][0] == {
        "text": "Akta Kelahiran",
        "href": f"http://dukcapil.localhost:{port}/layanan/akta-kelahiran/",
    }
    page = steps["halaman-layanan"]
    assert page["url"] == f"http://dukcapil.localhost:{port}/layanan/akta-kelahiran/"
    for text in (
        "Persyaratan",
        "Kartu Keluarga",
        "Gratis",
        "Mal Pelayanan Publik",
        "Senin–Jumat",
        "Dasar hukum",
    ):
        assert text in page["text"], text
    assert any(json.loads(block)["@type"] == "GovernmentService" for block in page["jsonld"])
    assert page["start"]["href"] == "https://dukcapil.tubankab.go.id/layanan-online/akta-kelahiran"
    assert steps["mulai"]["applicationVisits"] == [page["start"]["href"]]
    assert "Aplikasi OPD" in steps["mulai"]["text"]
    assert "Terima kasih" in steps["umpan-balik"]["text"]
    assert ServiceFeedback.objects.filter(service__slug="akta-kelahiran", helpful=True).count() == 1
