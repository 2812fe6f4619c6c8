"""No public page scrolls sideways on a 375 px phone (one page of every page type, the search, the
portal's pages), every tap target there is at least 44 x 44 px (WCAG 2.5.5; links inside a sentence
excepted), and no page's headings skip a level. On a 375 px phone the menu of every theme is one
"Menu" button (a details/summary disclosure that works without JavaScript) that opens with the
keyboard and shows every item inside the screen; at 1280 px the full menu shows without it. Hidden
labels stay hidden, and APBDes chart text is at least 12 px on the phone. Measured in Debian's
chromium on the demo villages, one per theme."""

import json
import os
import subprocess
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.utils.text import slugify
from wagtail.models import Page

from provisioning.demo import DEMO_VILLAGES
from themes.registry import THEMES

from ..factories import in_village
from .test_accessibility import (  # noqa: F401
    BROWSER_DIR,
    CHROMIUM,
    PORTAL_PATHS,
    _demo_village_in_theme,
    pytestmark,
)

# 13 menu items wrapped into 7-8 rows (about 450 px) before any content; the header with the
# Menu button and the search field measured 126-165 px.
PHONE_HEADER_MAX = 200
MIN_CHART_TEXT = 12


def _every_page_type() -> dict[str, str]:
    """The path of the first live page of each page type in the current village."""
    paths = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        label = page._meta.verbose_name
        if label not in paths:
            paths[label] = urlsplit(page.get_url()).path
    return paths


@pytest.mark.heavy
def test_phone_menu_is_one_button_and_desktop_shows_every_item(
    transactional_village_factory, live_server, tmp_path
):
    port = urlsplit(live_server.url).port
    desa_demos = [demo for demo in DEMO_VILLAGES if demo.kind == "desa"]
    pages = []
    for number, (demo, slug) in enumerate(zip(desa_demos, sorted(THEMES), strict=False)):
        provisioned, paths = _demo_village_in_theme(transactional_village_factory, demo, slug)
        wanted = {label: path for label, path in paths if label in ("beranda", "APBDes", "kontak")}
        if number == 0:  # the first village: one live page of every page type, and its search
            with in_village(provisioned):
                wanted = _every_page_type()
            wanted["pencarian"] = "/cari/?q=desa"
        pages += [
            {"label": f"{slug}: {label}", "url": f"http://{provisioned.domain}:{port}{path}"}
            for label, path in wanted.items()
        ]
    connection.set_schema_to_public()
    district = slugify(desa_demos[0].district_name)
    pages += [
        {"label": f"portal: {label}", "url": f"http://localhost:{port}{path}"}
        for label, path in [*PORTAL_PATHS, ("kecamatan", f"/berita-desa/kecamatan/{district}/")]
    ]
    config = tmp_path / "layout.json"
    config.write_text(json.dumps({"pages": pages, "widths": [375, 1280]}))
    run = subprocess.run(
        ["node", "layout-check.js", str(config)],
        cwd=BROWSER_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert len(report) == len(pages) * 2

    problems = []
    for row in report:
        where = f"{row['label']} ({row['width']}px)"
        if row["status"] != 200:
            problems.append(f"{where}: HTTP {row['status']}")
            continue
        if row["scrollWidth"] > row["viewportWidth"]:
            problems.append(f"{where}: wider than the screen: {row['wide']}")
        if row["skippedHeadings"] and row["width"] == 375:
            problems.append(f"{where}: heading levels skipped: {row['skippedHeadings']}")
        if row["width"] == 375:
            for target in row["smallTargets"]:
                problems.append(f"{where}: tap target {target['width']}x{target['height']} px: {target}")
            if not row["toggleVisible"] or row["linksShown"]:
                problems.append(f"{where}: menu not folded ({row['linksShown']} items shown)")
            if row["linksShownAfterToggle"] != row["links"]:
                problems.append(f"{where}: Enter on Menu shows {row['linksShownAfterToggle']}/{row['links']}")
            if row["linksRightmost"] > row["viewportWidth"] or row.get("scrollWidthAfterToggle", 0) > 375:
                problems.append(f"{where}: open menu cut off at {row['linksRightmost']} px")
            if row["headerBottom"] > PHONE_HEADER_MAX:
                problems.append(f"{where}: header ends at {row['headerBottom']} px")
            if row["chartTextCount"] and row["chartTextSmallest"] < MIN_CHART_TEXT:
                problems.append(f"{where}: chart text {row['chartTextSmallest']:.1f} px")
        else:
            if row["toggleVisible"] or row["linksShown"] != row["links"]:
                problems.append(f"{where}: full menu not shown ({row['linksShown']}/{row['links']})")
        if row["visuallyHiddenLargest"] > 1:
            problems.append(f"{where}: .visually-hidden text is visible ({row['visuallyHiddenLargest']} px)")
    assert not problems, "\n".join(problems)
    # The pages measured hold what the checks are about.
    assert any(row["chartTextCount"] for row in report), "no APBDes chart measured"
    assert any(row["visuallyHiddenCount"] for row in report), "no visually hidden label measured"
