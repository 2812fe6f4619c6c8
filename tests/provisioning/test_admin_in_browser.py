"""Diskominfo's support banner and the forced password change, looked at in Debian's chromium on a
375 px phone and a 1280 px desktop: on screen, readable, nothing covering them."""

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connection
from wagtail.models import Page

from provisioning.models import SupportGrant
from provisioning.services.lifecycle import village_admin_password_reset
from provisioning.support.services import support_grant_issue
from villageweb.accounts.models import PasswordChangeRequired

from ..factories import in_village, make_diskominfo_staff, make_news_page
from ..themes.test_accessibility import BROWSER_DIR, CHROMIUM, pytestmark  # noqa: F401

WIDTHS = [375, 1280]


def _check(config: dict, tmp_path: Path) -> list[dict]:
    path = tmp_path / "admin-check.json"
    path.write_text(json.dumps(config))
    run = subprocess.run(
        ["node", "admin-check.js", str(path)],
        cwd=BROWSER_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _screenshots() -> str | None:
    """VILLAGEWEB_SCREENSHOTS=DIR keeps the pictures for a person to look at."""
    return os.environ.get("VILLAGEWEB_SCREENSHOTS")


def test_support_banner_names_the_village_and_its_end_on_phone_and_desktop(
    transactional_village_factory, live_server, tmp_path
):
    port = urlsplit(live_server.url).port
    jlodro = transactional_village_factory("Jlodro")
    link = urlsplit(support_grant_issue(code=jlodro.code, actor="budi"))
    connection.set_schema_to_public()
    base = f"http://{jlodro.domain}:{port}"
    report = _check(
        {
            "open": [f"{base}{link.path}?{link.query}"],
            "pages": [
                {"label": "dukungan-dasbor", "url": f"{base}/admin/", "selectors": [".admin-banner"]},
                {"label": "dukungan-halaman", "url": f"{base}/admin/pages/", "selectors": [".admin-banner"]},
            ],
            "widths": WIDTHS,
            "screenshots": _screenshots(),
        },
        tmp_path,
    )
    assert len(report) == 4
    for row in report:
        where = f"{row['label']} {row['width']}px"
        assert row["status"] == 200 and row["finalUrl"].endswith(("/admin/", "/admin/pages/")), where
        (banner,) = row["elements"][".admin-banner"]
        assert banner["visible"] and banner["uncovered"], (where, banner["coveredBy"])
        assert "Desa Jlodro" in banner["text"] and "30 menit" in banner["text"], where
        assert "WIB (sisa" in banner["text"], where
        assert "Portal Desa" not in row["title"], where
        assert banner["left"] >= 0 and banner["right"] <= row["viewportWidth"], where
        assert row["scrollWidth"] <= row["viewportWidth"], where


def test_forced_password_change_page_is_usable_on_phone_and_desktop(
    transactional_village_factory, live_server, tmp_path
):
    port = urlsplit(live_server.url).port
    wangi = transactional_village_factory("Wangi")
    password = village_admin_password_reset(code=wangi.code, username="admin", actor="budi")
    connection.set_schema_to_public()
    base = f"http://{wangi.domain}:{port}"
    fields = [
        ".help-warning",
        "label[for=id_new_password1]",
        "#id_new_password1",
        "#id_new_password2",
        "main form button[type=submit]",
    ]
    report = _check(
        {
            "logins": [{"url": f"{base}/admin/login/", "username": "admin", "password": password}],
            "pages": [
                {
                    "label": "ganti-kata-sandi",
                    "url": f"{base}/admin/ganti-kata-sandi/",
                    "selectors": [*fields, "main form", ".help-warning svg", "a[href='/admin/pages/']"],
                }
            ],
            "widths": WIDTHS,
            "screenshots": _screenshots(),
        },
        tmp_path,
    )
    for row in report:
        where = f"{row['width']}px"
        assert row["status"] == 200 and row["finalUrl"].endswith("/admin/ganti-kata-sandi/"), where
        assert row["title"].startswith("Ganti Kata Sandi - Desa Wangi"), where
        assert len(row["elements"]["main form"]) == 1, where  # the page is drawn once
        for selector in fields:
            (element,) = row["elements"][selector]
            assert element["visible"] and element["uncovered"], (where, selector, element["coveredBy"])
            assert element["left"] >= 0 and element["right"] <= row["viewportWidth"], (where, selector)
        assert row["scrollWidth"] <= row["viewportWidth"], where
        # The warning has its icon (not an empty indent), and the sidebar offers no link that would
        # only lead back here.
        assert len(row["elements"][".help-warning svg"]) == 1, where
        assert row["elements"]["a[href='/admin/pages/']"] == [], where


STORAGE_BAR = "section[aria-labelledby=ruang-penyimpanan-judul] progress"


def test_diskominfo_village_screens_and_the_storage_panel_fit_a_phone(
    transactional_village_factory, live_server, tmp_path
):
    port = urlsplit(live_server.url).port
    jlodro = transactional_village_factory("Jlodro")
    make_diskominfo_staff()
    with in_village(jlodro):
        PasswordChangeRequired.objects.filter(user__username="admin").delete()
    connection.set_schema_to_public()
    portal = f"http://localhost:{port}"
    village = f"http://{jlodro.domain}:{port}"
    report = _check(
        {
            "logins": [
                {"url": f"{portal}/admin/login/", "username": "budi", "password": "sandi-staf-123"},
                {"url": f"{village}/admin/login/", "username": "admin", "password": jlodro.admin_password},
            ],
            "pages": [
                {
                    "label": "daftar-desa",
                    "url": f"{portal}/admin/desa/",
                    "selectors": ["#id_q", "#id_kecamatan", "#id_status", ".vw-scroll", "#schema-status"],
                },
                {"label": "desa", "url": f"{portal}/admin/desa/{jlodro.code}/", "selectors": ["main"]},
                {
                    "label": "dasbor-desa",
                    "url": f"{village}/admin/",
                    "selectors": ["#ruang-penyimpanan-judul", STORAGE_BAR],
                },
            ],
            "widths": WIDTHS,
            "screenshots": _screenshots(),
        },
        tmp_path,
    )
    assert len(report) == 6
    for row in report:
        where = f"{row['label']} {row['width']}px"
        assert row["status"] == 200, where
        assert row["scrollWidth"] <= row["viewportWidth"], where  # nothing wider than the screen
        for selector, elements in row["elements"].items():
            (element,) = elements
            assert element["visible"], (where, selector)
            inside = element["left"] >= 0 and element["right"] <= row["viewportWidth"]
            assert inside, (where, selector, element)
    dashboard = [row for row in report if row["label"] == "dasbor-desa"]
    for row in dashboard:
        heading = row["elements"]["#ruang-penyimpanan-judul"][0]
        assert heading["text"].startswith("Ruang penyimpanan:"), heading["text"]
        assert "dari 1.024 MB terpakai" in heading["text"], heading["text"]
        bar = row["elements"][STORAGE_BAR][0]
        assert bar["width"] >= heading["width"] * 0.8, row["width"]  # the bar spans the panel


def test_support_button_on_the_village_page_opens_the_village_admin_in_chromium(
    transactional_village_factory, live_server, tmp_path, settings
):
    """The portal admin's CSP (form-action 'self') held the button's redirect to the village host:
    Chromium applies form-action to a form's redirects. Clicked as Diskominfo clicks it."""
    port = urlsplit(live_server.url).port
    settings.VILLAGEWEB_URL_PORT = port
    jlodro = transactional_village_factory("Jlodro")
    make_diskominfo_staff("budi")
    connection.set_schema_to_public()
    config = tmp_path / "csp.json"
    config.write_text(
        json.dumps(
            {
                "login": {
                    "url": f"http://localhost:{port}/admin/login/",
                    "username": "budi",
                    "password": "sandi-staf-123",
                },
                "pages": [
                    {
                        "label": "dukungan",
                        "url": f"http://localhost:{port}/admin/desa/{jlodro.code}/",
                        "click": f'form[action="/admin/desa/{jlodro.code}/support/"] button',
                        "waitFor": ".admin-banner",
                    }
                ],
            }
        )
    )
    run = subprocess.run(
        ["node", "csp-check.js", str(config)],
        cwd=BROWSER_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
    )
    assert run.returncode == 0, run.stderr
    [row] = json.loads(run.stdout)
    assert row["status"] == 200
    assert row["clicked"], row  # the village admin opened, with its support banner
    assert row["violations"] == [] and row["console"] == [], row
    grant = SupportGrant.objects.get(village_code=jlodro.code)
    assert grant.used_at is not None


def test_page_explorer_titles_read_as_words_on_a_phone(transactional_village_factory, live_server, tmp_path):
    """Issue #27 item 5: at 375 px the explorer's four columns left each title a few letters wide."""
    port = urlsplit(live_server.url).port
    jlodro = transactional_village_factory("Jlodro")
    with in_village(jlodro):
        PasswordChangeRequired.objects.all().delete()
        home_id = Page.objects.get(depth=2).pk
    connection.set_schema_to_public()
    base = f"http://{jlodro.domain}:{port}"
    report = _check(
        {
            "logins": [
                {"url": f"{base}/admin/login/", "username": "admin", "password": jlodro.admin_password}
            ],
            "pages": [
                {"label": "penjelajah", "url": f"{base}/admin/pages/{home_id}/", "selectors": ["td.title"]}
            ],
            "widths": [375],
            "screenshots": _screenshots(),
        },
        tmp_path,
    )
    [row] = report
    titles = row["elements"]["td.title"]
    assert titles and all(title["width"] >= 140 for title in titles), [t["width"] for t in titles]
    assert row["scrollWidth"] <= row["viewportWidth"]


def test_schedule_picker_fits_a_phone_and_offers_quarter_hours(
    transactional_village_factory, live_server, tmp_path
):
    """Issue #27 item 5: the schedule picker ran off a 375 px screen and offered whole hours only."""
    port = urlsplit(live_server.url).port
    jlodro = transactional_village_factory("Jlodro")
    with in_village(jlodro):
        PasswordChangeRequired.objects.all().delete()
        news = make_news_page()
    connection.set_schema_to_public()
    base = f"http://{jlodro.domain}:{port}"
    for width in WIDTHS:
        path = tmp_path / f"schedule-{width}.json"
        shots = _screenshots()
        path.write_text(
            json.dumps(
                {
                    "login": {
                        "url": f"{base}/admin/login/",
                        "username": "admin",
                        "password": jlodro.admin_password,
                    },
                    "edit": f"{base}/admin/pages/{news.pk}/edit/",
                    "width": width,
                    "screenshot": f"{shots}/jadwal-terbit-{width}.png" if shots else None,
                }
            )
        )
        run = subprocess.run(
            ["node", "schedule-check.js", str(path)],
            cwd=BROWSER_DIR,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
        )
        assert run.returncode == 0, run.stderr
        picker = json.loads(run.stdout)
        assert picker["left"] >= 0 and picker["right"] <= picker["viewportWidth"], (width, picker)
        assert "07:30" in picker["times"] and "07:15" in picker["times"], picker["times"][:8]
