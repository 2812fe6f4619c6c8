"""Issue 30 in Debian's chromium on a 375 px phone whose browser asks for English, without JavaScript
(tests/browser/cases-check.js): a complaint filed on the village's contact page gets its code, is
tracked on the portal, answered in the inbox, objected to on /lacak/, and shows in the inbox as an
objection for the Kepala Desa; the boards and the portal's form are readable; no page scrolls
sideways or speaks English; axe-core finds nothing serious on the public pages."""

import json
import os
import subprocess
from urllib.parse import urlsplit

import pytest
from django.db import connection

from villageweb.accounts.models import PasswordChangeRequired
from villageweb.cases.models import Case

from ..factories import in_village, village_of
from ..themes.test_accessibility import BROWSER_DIR, CHROMIUM, pytestmark  # noqa: F401

ENGLISH_WORDS = ["This field", "Submit", "Monday", "December", "Log in", "required"]
STEPS = [
    "kontak",
    "terima-kasih",
    "lacak-portal",
    "transparansi-desa",
    "transparansi-portal",
    "pengaduan-portal",
    "kontak-galat",
    "admin-dasbor",
    "admin-pengaduan",
    "admin-kasus",
    "admin-jawab",
    "lacak-dijawab",
    "keberatan",
    "admin-keberatan",
]


@pytest.mark.heavy
def test_phone_files_tracks_answers_and_objects_to_a_complaint(
    transactional_village_factory, live_server, tmp_path, settings
):
    settings.VILLAGEWEB_URL_PORT = port = urlsplit(live_server.url).port
    jlodro = transactional_village_factory("Jlodro")
    with in_village(jlodro):
        PasswordChangeRequired.objects.all().delete()
    connection.set_schema_to_public()
    config = tmp_path / "cases.json"
    config.write_text(
        json.dumps(
            {
                "village": jlodro.domain,
                "port": port,
                "password": jlodro.admin_password,
                "out": os.environ.get("VILLAGEWEB_SCREENSHOTS_DIR") or "",
            }
        )
    )
    run = subprocess.run(
        ["node", "cases-check.js", str(config)],
        cwd=BROWSER_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    steps = {row["name"]: row for row in result["steps"]}
    assert list(steps) == STEPS
    for name, row in steps.items():
        expected = 400 if name == "kontak-galat" else 200
        assert row["status"] == expected, (name, row["status"], row["url"])
        assert row["scrollWidth"] <= 375, (name, row["scrollWidth"])
        english = [word for word in ENGLISH_WORDS if word in row["text"]]
        assert not english, (name, english)
    for name, violations in result["axe"].items():
        assert violations == [], (name, violations)

    code = result["code"]
    assert code in steps["terima-kasih"]["text"]
    assert "Diterima" in steps["lacak-portal"]["text"] and "Desa Jlodro" in steps["lacak-portal"]["text"]
    assert (
        "APBDes" in steps["transparansi-desa"]["text"] and "Belum ada" in steps["transparansi-desa"]["text"]
    )
    assert "Desa Jlodro" in steps["transparansi-portal"]["text"]
    assert "Jalan berlubang di dusun selatan" in steps["admin-pengaduan"]["text"]
    assert "Lubang sudah ditimbun sirtu" in steps["lacak-dijawab"]["text"]
    assert "Keberatan Anda sudah diterima" in steps["keberatan"]["text"]
    assert (
        code in steps["admin-keberatan"]["text"] and "Kepala Desa Jlodro" in steps["admin-keberatan"]["text"]
    )
    case = Case.objects.get(code=code)
    assert case.provider == village_of(jlodro) and case.objection_open
    # With its script, in an English browser, the reply's document field speaks Indonesian: the label
    # is the button, the browser's own "Choose File" control is out of sight, the choice is named.
    pick = result["filePick"]
    assert "Pilih dokumen jawaban" in pick["before"]["text"]
    assert "Belum ada dokumen dipilih." in pick["before"]["text"]
    assert pick["before"]["labelWidth"] > 40 and pick["before"]["inputOpacity"] == "0"
    assert "Dipilih: jawaban-ppid.pdf" in pick["after"]["text"]
    assert pick["before"]["scrollWidth"] <= 375
