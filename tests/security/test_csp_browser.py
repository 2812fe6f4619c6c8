"""In Debian's chromium: the public pages, the admin dashboard, the page editor and the image
chooser of a village work under the Content-Security-Policy, with no violation reported."""

import json
import os
import subprocess
from urllib.parse import urlsplit

from django.db import connection
from wagtail.models import Page

from villageweb.accounts.models import PasswordChangeRequired

from ..factories import fill_demo_content, in_village, make_image
from ..themes.test_accessibility import BROWSER_DIR, CHROMIUM, pytestmark  # noqa: F401


def test_admin_editor_chooser_and_public_pages_run_without_csp_violations(
    transactional_village_factory, live_server, tmp_path
):
    port = urlsplit(live_server.url).port
    jlodro = transactional_village_factory("Jlodro")
    fill_demo_content(jlodro)
    with in_village(jlodro):
        make_image("Balai desa")
        home = Page.objects.get(depth=2).id
        PasswordChangeRequired.objects.filter(user__username="admin").delete()
    connection.set_schema_to_public()
    base = f"http://{jlodro.domain}:{port}"
    pages = [
        {"label": "beranda", "url": f"{base}/"},
        {"label": "kontak", "url": f"{base}/kontak/"},
        {"label": "dasbor admin", "url": f"{base}/admin/"},
        {
            "label": "editor + pemilih gambar",
            "url": f"{base}/admin/pages/{home}/edit/",
            "click": "[data-chooser-action-choose]:visible",
            "waitFor": "[data-chooser-modal-choice]",
        },
        {"label": "unggah gambar", "url": f"{base}/admin/images/multiple/add/"},
        {"label": "dokumen", "url": f"{base}/admin/documents/"},
        # The portal shows the village's news with thumbnails served from the village's own host.
        {"label": "portal: berita desa", "url": f"http://localhost:{port}/berita-desa/"},
    ]
    config = tmp_path / "csp.json"
    login = {"url": f"{base}/admin/login/", "username": "admin", "password": jlodro.admin_password}
    config.write_text(json.dumps({"pages": pages, "login": login}))
    run = subprocess.run(
        ["node", "csp-check.js", str(config)],
        cwd=BROWSER_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert [row["status"] for row in report] == [200] * len(pages), report
    chooser = next(row for row in report if row["label"].startswith("editor"))
    assert chooser["clicked"], "the image chooser did not open"
    problems = [
        (row["label"], row["violations"], row["console"])
        for row in report
        if row["violations"] or row["console"]
    ]
    assert not problems, problems
