"""Issues #16 and #27: the whole path on a 375 px phone whose browser asks for English, in Debian's
chromium (tests/browser/phone-path.js): issued password -> own password -> Tulis Kabar with a photo
(Enter saves a draft; the photo is shrunk on the phone) -> Admin Desa publishes the draft in the full
editor -> the news is on the village site and the regency portal -> a citizen walks home, APBDes,
search, contact and Direktori Desa; every page in Indonesian, none scrolling sideways. Also weighs
what Tulis Kabar transfers over the network."""

import io
import json
import os
import re
import subprocess
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from PIL import Image as PILImage

from villageweb.accounts.models import PasswordChangeRequired
from villageweb.accounts.roles import GROUP_CONTRIBUTOR
from villageweb.accounts.services import one_time_password_issue
from villageweb.news.models import NewsPage
from villageweb.portal.federation.models import FederatedNewsItem

from ..factories import in_village
from ..themes.test_accessibility import BROWSER_DIR, CHROMIUM, pytestmark  # noqa: F401

TITLE = "Posyandu Melati menimbang 58 balita"
ALT = "Kader posyandu menimbang seorang balita di balai dusun"
NEW_PASSWORD = "Jagung-Manis-Kenduruan-27"
# What Tulis Kabar may transfer besides the photos (issue #16).
BUDGET_BYTES = 100 * 1024
ENGLISH_WORDS = ["This field", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "December", "Log in"]


def _photo(path):
    """A camera-sized photo (4000 x 3000, a few MB: noise does not compress), stored sideways."""
    image = PILImage.effect_noise((4000, 3000), 90).convert("RGB")
    exif = PILImage.Exif()
    exif[0x0112] = 6  # taken upright, stored sideways: as phone cameras do
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif, quality=92)
    path.write_bytes(output.getvalue())
    return path


def _unreadable_photo(path, size: int):
    """A file the browser cannot decode (so cannot shrink), bigger than the site takes."""
    path.write_bytes(b"\xff\xd8\xff" + bytes(size))
    return path


@pytest.mark.heavy
def test_phone_user_with_english_browser_walks_from_issued_password_to_the_portal(
    transactional_village_factory, live_server, tmp_path, settings
):
    # Links the platform writes (the portal's thumbnails on the village's host) carry the live
    # server's port, as `PORT=... bin/run` makes them carry its own.
    settings.VILLAGEWEB_URL_PORT = urlsplit(live_server.url).port
    village = transactional_village_factory("Jlodro")
    with in_village(village):
        kader = get_user_model().objects.create_user(username="kader-melati")
        kader.groups.add(Group.objects.get(name=GROUP_CONTRIBUTOR))
        issued = one_time_password_issue(user=kader)
        # The admin's own first log-in is not this test's subject.
        PasswordChangeRequired.objects.filter(user__username=village.admin_username).delete()
    connection.set_schema_to_public()
    port = urlsplit(live_server.url).port
    photo = _photo(tmp_path / "posyandu.jpg")
    shots = tmp_path / "layar"
    shots.mkdir()
    config = tmp_path / "path.json"
    config.write_text(
        json.dumps(
            {
                "site": f"http://{village.domain}:{port}",
                "portal": f"http://localhost:{port}",
                "user": {"username": "kader-melati", "issuedPassword": issued, "newPassword": NEW_PASSWORD},
                "admin": {"username": village.admin_username, "password": village.admin_password},
                "news": {
                    "title": TITLE,
                    "summary": "Kader Posyandu Melati menimbang 58 balita dan membagikan makanan tambahan.",
                    "body": "Penimbangan berlangsung pagi hari.\n\nSemua balita mendapat bubur kacang hijau.",
                    "photo": str(photo),
                    "unreadablePhoto": str(
                        _unreadable_photo(tmp_path / "rusak.jpg", settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1)
                    ),
                    "alt": ALT,
                    "searchWord": "Posyandu",
                },
                "screenshots": os.environ.get("VILLAGEWEB_SCREENSHOTS_DIR") or str(shots),
            }
        )
    )

    run = subprocess.run(
        ["node", "phone-path.js", str(config)],
        cwd=BROWSER_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
    )
    assert run.returncode == 0, run.stderr
    steps = {row["name"]: row for row in json.loads(run.stdout)["steps"]}

    assert list(steps) == [
        "ganti-kata-sandi",
        "dasbor",
        "tulis-kabar-kosong",
        "tulis-kabar-galat",
        "tulis-kabar-draf",
        "diterbitkan",
        "situs-desa-daftar",
        "situs-desa-berita",
        "portal-berita-desa",
        "warga-beranda-desa",
        "warga-apbdes",
        "warga-cari",
        "warga-kontak",
        "warga-beranda-portal",
        "warga-direktori",
    ]
    for name, row in steps.items():
        assert row["status"] == 200, (name, row["status"], row["url"])
        assert row["lang"] == "id", name
        assert row["contentLanguage"] == "id", name
        assert row["scrollWidth"] <= 375, (name, row["scrollWidth"])
        english = [word for word in ENGLISH_WORDS if word in row["text"]]
        assert not english, (name, english)

    assert steps["ganti-kata-sandi"]["url"].endswith("/admin/ganti-kata-sandi/")
    assert "Kata sandi Anda sudah diganti." in steps["dasbor"]["text"]
    headings = steps["dasbor"]["headings"]
    assert {"Ada kabar dari desa?", "Kelengkapan Situs: 0 dari 100"} <= {row["text"] for row in headings}
    for heading in headings:  # dashboard headings are not cut off on the phone
        assert heading["left"] >= 8 and heading["right"] <= 375 and not heading["cut"], heading
    title = steps["diterbitkan"]["editorTitle"]  # the full editor's title field is not squeezed
    assert title["left"] >= 0 and title["right"] <= 375 and title["uncovered"], title
    assert title["fontSize"] <= 22 and not title["minimapShown"], title
    assert "Tulis Kabar" in steps["tulis-kabar-kosong"]["text"]
    errors = steps["tulis-kabar-galat"]
    assert "Tulis judul berita." in errors["text"]
    assert "#id_title" in errors["focusTargets"]
    assert {"id": "id_title", "describedBy": "id_title_error id_title_helptext"} in errors["invalid"]
    draft = steps["tulis-kabar-draf"]
    assert "Kabar tersimpan sebagai draf" in draft["text"]  # Enter in the title field never publishes
    refused = draft["refusedBeforeSending"]
    assert refused["posts"] == 0 and "terlalu besar" in refused["text"], refused
    # The photo was shrunk on the phone: a fraction of the camera's file went over the network,
    # and the upload's progress was shown on the way.
    # (Chromium counts no request body for a script's upload of a File: the progress line's own total,
    # the bytes XMLHttpRequest sent, is the measure.)
    totals = [
        float(match.group(1).replace(",", "."))
        for text in draft["sending"]
        if (match := re.search(r"Mengirim \d+% \([\d,]+ dari ([\d,]+) MB\)", text))
    ]
    assert totals, draft["sending"]
    assert 0 < max(totals) * 1024 * 1024 < photo.stat().st_size / 3, (totals, photo.stat().st_size)
    assert "Posyandu" in steps["warga-cari"]["text"]
    assert "Realisasi" in steps["warga-apbdes"]["text"] or "APBDes" in steps["warga-apbdes"]["text"]
    assert "Direktori Desa" in steps["warga-direktori"]["text"]
    assert TITLE in steps["situs-desa-daftar"]["text"]
    article = steps["situs-desa-berita"]
    assert TITLE in article["text"]
    assert [image["alt"] for image in article["images"] if image["loaded"]] == [ALT]
    assert TITLE in steps["portal-berita-desa"]["text"]
    thumbnails = [image for image in steps["portal-berita-desa"]["images"] if village.domain in image["src"]]
    assert thumbnails and all(image["loaded"] for image in thumbnails), steps["portal-berita-desa"]["images"]

    # The network cost of Tulis Kabar besides the photo (the form, with its errors, the confirmation),
    # and axe-core's serious and critical WCAG 2.1 AA violations on each.
    for name in ("tulis-kabar-kosong", "tulis-kabar-galat", "tulis-kabar-draf"):
        assert steps[name]["axe"] == [], (name, steps[name]["axe"])
        transfer = steps[name]["transfer"]
        assert transfer, name
        received = sum(row["bytes"] for row in transfer)
        assert received <= BUDGET_BYTES, (name, received, transfer)

    with in_village(village):
        kader.refresh_from_db()
        assert kader.check_password(NEW_PASSWORD)
        assert not PasswordChangeRequired.objects.filter(user=kader).exists()
        page = NewsPage.objects.get(title=TITLE)
        assert page.live and page.main_image.description == ALT
        assert page.main_image.height > page.main_image.width  # upright, as the phone took it
        assert page.main_image.height == 1600  # shrunk to the stored size
        assert page.get_latest_revision().user == kader or page.live_revision.user is not None
    connection.set_schema_to_public()
    assert FederatedNewsItem.objects.filter(title=TITLE).exists()
