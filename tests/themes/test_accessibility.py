"""Every theme, and the regency portal, pass axe-core's WCAG 2.1 A/AA rules (no serious or critical
violation) on the pages citizens use most, at phone and desktop widths, in Debian's chromium.

PAGES is the one table of pages to check: add a row (label, page model) when a content app lands.
The demo fillers (hook villageweb_demo_fill) must create a live page of each model listed; the first
live page of that model in the demo village is the one checked.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import connection
from django.utils.text import slugify

from provisioning.demo import DEMO_VILLAGES
from provisioning.hooks import DEMO_FILL, hooks_run
from tenants.models import Village
from themes.registry import THEMES

from ..factories import in_village
from .helpers import branding_set

PAGES = [
    ("beranda", "village.HomePage"),
    ("daftar berita", "news.NewsIndexPage"),
    ("berita", "news.NewsPage"),
    ("APBDes", "budget.BudgetYearPage"),
    ("perangkat desa", "village.OfficialsPage"),
    ("kontak", "village.ContactPage"),
]
# The regency portal's pages citizens use (its own theme; the demo villages' news fills them).
PORTAL_PATHS = [
    ("beranda", "/"),
    ("berita desa", "/berita-desa/"),
    ("pencarian", "/berita-desa/?q=musyawarah"),
    ("pencarian tanpa hasil", "/berita-desa/?q=zzzz"),
    ("direktori desa", "/desa/"),
]
WIDTHS = [375, 1280]

BROWSER_DIR = Path(__file__).resolve().parents[1] / "browser"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def browser_missing() -> str | None:
    """Why the browser run cannot happen here, in words an operator acts on; None when it can."""
    if not Path(CHROMIUM).exists():
        return f"uji aksesibilitas dilewati: {CHROMIUM} tidak ada (pasang: apt-get install -y chromium)"
    if shutil.which("node") is None:
        return "uji aksesibilitas dilewati: node tidak ada (pasang: apt-get install -y nodejs npm)"
    if not (BROWSER_DIR / "node_modules" / "axe-core").is_dir():
        return f"uji aksesibilitas dilewati: jalankan `npm ci` di {BROWSER_DIR}"
    return None


# CI sets VILLAGEWEB_REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip.
if browser_missing() and os.environ.get("VILLAGEWEB_REQUIRE_BROWSER") == "1":
    pytest.fail(browser_missing(), pytrace=False)
# Every browser suite imports this: they are real-stack suites (Chromium), run by `bash bin/test --stack`
# and .ci/run, not by the default `bash bin/test`.
pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or ""),
]


def _page_paths() -> list[tuple[str, str]]:
    paths = []
    for label, model_label in PAGES:
        page = apps.get_model(model_label).objects.live().first()
        assert page is not None, f"demo village has no live {model_label} for '{label}'"
        paths.append((label, urlsplit(page.get_url()).path))
    return paths


def _demo_village_in_theme(factory, demo, slug):
    provisioned = factory(demo.name, code=demo.code, district_name=demo.district_name, kind=demo.kind)
    village = Village.objects.get(code=demo.code)
    with in_village(provisioned):
        hooks_run(DEMO_FILL, village=village, demo=demo)
        paths = _page_paths()
    connection.set_schema_to_public()
    branding_set(provisioned, theme=slug)
    connection.set_schema_to_public()
    return provisioned, paths


@pytest.mark.heavy
def test_pages_of_every_theme_and_the_portal_have_no_serious_axe_violation(
    transactional_village_factory, live_server, tmp_path
):
    port = urlsplit(live_server.url).port
    pages = []
    # Desa demos: a kelurahan has no APBDes of its own.
    desa_demos = [demo for demo in DEMO_VILLAGES if demo.kind == "desa"]
    for demo, slug in zip(desa_demos, sorted(THEMES), strict=False):
        provisioned, paths = _demo_village_in_theme(transactional_village_factory, demo, slug)
        pages += [
            {"label": f"{slug}: {label}", "url": f"http://{provisioned.domain}:{port}{path}"}
            for label, path in paths
        ]
    assert len({page["label"].split(":")[0] for page in pages}) == len(THEMES)
    district = slugify(desa_demos[0].district_name)
    pages += [
        {"label": f"portal: {label}", "url": f"http://localhost:{port}{path}"}
        for label, path in [*PORTAL_PATHS, ("kecamatan", f"/berita-desa/kecamatan/{district}/")]
    ]
    config = tmp_path / "axe.json"
    config.write_text(json.dumps({"pages": pages, "widths": WIDTHS}))

    run = subprocess.run(
        ["node", "axe-check.js", str(config)],
        cwd=BROWSER_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)

    assert len(report) == len(pages) * len(WIDTHS)
    problems = [
        f"{row['label']} ({row['width']}px) HTTP {row['status']}" for row in report if row["status"] != 200
    ] + [
        f"{row['label']} ({row['width']}px): {violation['impact']} {violation['id']} — {violation['help']} "
        f"at {', '.join(violation['targets'][:3])}"
        for row in report
        for violation in row["violations"]
    ]
    assert not problems, "\n".join(problems)
