"""An imported WordPress site in Debian's chromium at 375 px (tests/browser/imported-site-check.js): an
old link shared on WhatsApp lands, through one permanent redirect, on the imported news with its photos
shown, the page fits the phone and passes axe-core's WCAG 2.1 AA checks; so does an album made from a
WordPress gallery. Screenshots: VILLAGEWEB_SCREENSHOTS_DIR (docs/screenshots/ keeps one)."""

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

from tests.factories import command_run
from tests.provisioning.site_import.media import wordpress_gallery_uploads, wordpress_uploads
from tests.themes.test_accessibility import BROWSER_DIR, CHROMIUM, pytestmark  # noqa: F401

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.heavy
def test_an_old_link_lands_on_the_imported_news_with_its_photos_on_a_phone(
    transactional_village_factory, live_server, tmp_path, settings
):
    settings.VILLAGEWEB_URL_PORT = urlsplit(live_server.url).port
    village = transactional_village_factory("Sumberejo")
    for export, media in (
        ("wordpress-subfolder.xml", wordpress_uploads(tmp_path / "uploads")),
        ("wordpress-galleries.xml", wordpress_gallery_uploads(tmp_path / "uploads-galeri")),
    ):
        command_run(
            "import_site",
            "--village",
            village.code,
            "--wordpress",
            str(FIXTURES / export),
            "--media",
            str(media),
        )
    connection.set_schema_to_public()
    site = f"http://{village.domain}:{urlsplit(live_server.url).port}"
    pages = [
        {"label": "tautan-lama-berita", "url": f"{site}/web/2024/05/kerja-bakti-saluran-irigasi/"},
        {"label": "tautan-lama-p", "url": f"{site}/web/?p=12"},
        {"label": "album-galeri", "url": f"{site}/galeri/upacara-hut-ri-ke-79/"},
    ]
    shots = os.environ.get("VILLAGEWEB_SCREENSHOTS_DIR") or str(tmp_path)
    config = tmp_path / "imported.json"
    config.write_text(json.dumps({"pages": pages, "widths": [375], "screenshots": shots}))
    run = subprocess.run(
        ["node", "imported-site-check.js", str(config)],
        cwd=BROWSER_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
    )
    assert run.returncode == 0, run.stderr
    rows = {row["label"]: row for row in json.loads(run.stdout)}

    for label in ("tautan-lama-berita", "tautan-lama-p"):
        row = rows[label]
        assert [answer["status"] for answer in row["redirects"]] == [301], row["redirects"]
        assert row["status"] == 200 and row["finalUrl"] == f"{site}/berita/kerja-bakti-saluran-irigasi/"
        assert "Kerja Bakti Saluran Irigasi Dusun Krajan" in row["heading"]
    for label, row in rows.items():
        assert row["status"] == 200, label
        assert row["scrollWidth"] <= 375, (label, row["scrollWidth"])
        assert row["axe"] == [], (label, row["axe"])
        photos = [image for image in row["images"] if village.domain in image["src"]]
        assert photos and all(image["loaded"] and 0 < image["width"] <= 375 for image in photos), (
            label,
            photos,
        )
    news_photos = {image["alt"] for image in rows["tautan-lama-berita"]["images"]}
    assert "Saluran irigasi yang sudah bersih" in news_photos
    assert len([image for image in rows["album-galeri"]["images"] if image["loaded"]]) == 2
