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


def test_a_village_editor_sets_its_own_hours_for_a_regency_service_on_a_phone(
    transactional_village_factory, live_server, tmp_path
):
    """The village's "Layanan desa" screens (the list of the regency's services and one service's
    own settings) at 375 and 1280 px: nothing sideways, every field and "Simpan" on screen and
    uncovered."""
    from villageweb.accounts.models import PasswordChangeRequired
    from villageweb.services.models import VillageServiceTemplate

    from ..provisioning.test_admin_in_browser import WIDTHS, _check, _screenshots

    port = urlsplit(live_server.url).port
    regency_templates_fill()
    template = VillageServiceTemplate.objects.order_by("title").first()
    village = transactional_village_factory("Tasikmadu", code="35.23.18.2002", district_name="Palang")
    with in_village(village):
        PasswordChangeRequired.objects.all().delete()
    connection.set_schema_to_public()
    base = f"http://{village.domain}:{port}"
    report = _check(
        {
            "logins": [
                {"url": f"{base}/admin/login/", "username": "admin", "password": village.admin_password}
            ],
            "pages": [
                {
                    "label": "layanan-desa",
                    "url": f"{base}/admin/layanan-desa/",
                    "selectors": [".nice-padding td a"],
                },
                {
                    "label": "layanan-desa-ubah",
                    "url": f"{base}/admin/layanan-desa/{template.pk}/",
                    "selectors": [
                        ".nice-padding form input:not([type=hidden])",
                        ".nice-padding form textarea",
                        ".nice-padding form button[type=submit]",
                    ],
                },
            ],
            "widths": WIDTHS,
            "screenshots": _screenshots(),
        },
        tmp_path,
    )
    assert len(report) == 4
    for row in report:
        where = f"{row['label']} {row['width']}px"
        assert row["status"] == 200 and "/login/" not in row["finalUrl"], where
        assert row["scrollWidth"] <= row["viewportWidth"], where
        for selector, elements in row["elements"].items():
            for element in elements:
                assert element["visible"] and element["uncovered"], (where, selector, element)
                assert element["left"] >= 0 and element["right"] <= row["viewportWidth"], (where, selector)
    listing = next(row for row in report if row["label"] == "layanan-desa")
    assert template.title in [link["text"] for link in listing["elements"][".nice-padding td a"]]
    (save,) = next(row for row in report if row["label"] == "layanan-desa-ubah")["elements"][
        ".nice-padding form button[type=submit]"
    ]
    assert save["text"] == "Simpan"
