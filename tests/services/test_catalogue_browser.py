"""Issue #29's path in Debian's chromium at 375 px (tests/browser/catalogue-path.js): the portal's
search finds "izin usaha", the start page states what to bring, where and what it costs, "Mulai"
opens the application (OSS, answered by the browser script, never fetched), and "Apakah halaman ini
membantu?" is answered; then a village's /layanan/ with the regency's services and one of their
start pages, each without sideways scrolling and without axe violations."""

import json
import os
import subprocess
from urllib.parse import urlsplit

import pytest
from django.db import connection

from villageweb.services.demo import provider_services_fill
from villageweb.services.local.demo import regency_templates_fill
from villageweb.services.models import ServiceFeedback

from ..factories import fill_demo_content, in_village, village_of
from ..themes.test_accessibility import BROWSER_DIR, CHROMIUM, pytestmark  # noqa: F401


@pytest.mark.heavy
def test_phone_finds_reads_starts_and_rates_a_service(
    transactional_village_factory, live_server, tmp_path, settings
):
    settings.VILLAGEWEB_URL_PORT = port = urlsplit(live_server.url).port
    regency_templates_fill()
    dpmptsp = transactional_village_factory("DPMPTSP", code="OPD.DPMPTSP", kind="opd", subdomain="dpmptsp")
    with in_village(dpmptsp):
        provider_services_fill(village=village_of(dpmptsp))
    connection.set_schema_to_public()
    village = transactional_village_factory("Tasikmadu", code="35.23.18.2002", district_name="Palang")
    fill_demo_content(village, demo_code="35.23.18.2002")
    village_url = f"http://{village.domain}:{port}"
    config = tmp_path / "path.json"
    config.write_text(
        json.dumps(
            {
                "portal": f"http://localhost:{port}",
                "query": "izin usaha",
                "applicationPattern": "https://oss.go.id/**",
                "visit": [
                    {"name": "desa-layanan", "url": f"{village_url}/layanan/"},
                    {"name": "desa-domisili", "url": f"{village_url}/layanan/surat-keterangan-domisili/"},
                ],
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
    assert list(steps) == [
        "portal-cari",
        "halaman-layanan",
        "mulai",
        "umpan-balik",
        "desa-layanan",
        "desa-domisili",
    ]
    for name, row in steps.items():
        assert row["status"] == 200, (name, row)
        assert row["scrollWidth"] <= 375, (name, row["scrollWidth"])
        assert row.get("axe", []) == [], (name, row.get("axe"))

    search = steps["portal-cari"]
    nib = f"http://dpmptsp.localhost:{port}/layanan/nomor-induk-berusaha/"
    assert search["results"][0] == {
        "text": "Nomor Induk Berusaha (NIB) untuk Usaha Mikro dan Kecil",
        "href": nib,
    }
    page = steps["halaman-layanan"]
    assert page["url"] == nib
    for text in ("Persyaratan", "Gratis", "Dasar hukum"):
        assert text in page["text"], text
    assert any(json.loads(block)["@type"] == "GovernmentService" for block in page["jsonld"])
    assert page["start"]["href"] == "https://oss.go.id/"
    assert steps["mulai"]["applicationVisits"] == [page["start"]["href"]]
    assert "Aplikasi OPD" in steps["mulai"]["text"]
    assert "Terima kasih" in steps["umpan-balik"]["text"]
    assert ServiceFeedback.objects.filter(service__slug="nomor-induk-berusaha", helpful=True).count() == 1

    listing = steps["desa-layanan"]["text"]
    assert "Surat Keterangan Domisili" in listing and "Surat Pengantar Nikah (N1–N4)" in listing
    assert "Tidak dilayani di Desa Tasikmadu" in listing  # the village's "tidak dilayani" with its note
    start = steps["desa-domisili"]
    assert "Senin–Jumat 07.30–14.00 WIB" in start["text"]  # the village's own hours
    assert "Kantor Desa Tasikmadu" in start["text"] and "Gratis" in start["text"]
    assert [json.loads(block)["@type"] for block in start["jsonld"]] == ["GovernmentService"]
