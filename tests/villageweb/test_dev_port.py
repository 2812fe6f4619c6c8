"""`PORT=8123 bash bin/run` serves on 8123; every link the platform writes must say 8123 too."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tenants.models import site_url

from ..factories import in_village, make_image, make_news_page

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'villageweb.settings.dev'; "
    "django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.VILLAGEWEB_URL_PORT, str(s.WAGTAILADMIN_BASE_URL)]))"
)


def _dev_settings(**env):
    clean = {key: value for key, value in os.environ.items() if key not in ("PORT", "VILLAGEWEB_URL_PORT")}
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return tuple(json.loads(run.stdout))


def test_dev_settings_write_links_with_the_port_the_server_listens_on():
    assert _dev_settings(PORT="8123") == (8123, "http://localhost:8123")
    assert _dev_settings() == (8000, "http://localhost:8000")
    # An explicit VILLAGEWEB_URL_PORT (a proxy in front) still wins over the served port.
    assert _dev_settings(PORT="8123", VILLAGEWEB_URL_PORT="80") == (80, "http://localhost")


def test_bin_run_exports_the_port_before_any_command_writes_links():
    script = (ROOT / "bin" / "run").read_text()
    export = script.index('export PORT="${PORT:-8000}"')
    assert export < script.index("manage.py init_platform") < script.index("manage.py seed_demo")


def test_site_urls_carry_the_configured_port(settings):
    settings.VILLAGEWEB_URL_PORT = 8123
    assert site_url("jlodro.localhost") == "http://jlodro.localhost:8123"
    settings.VILLAGEWEB_URL_PORT = 80
    assert site_url("jlodro.localhost") == "http://jlodro.localhost"


@pytest.mark.django_db
def test_portal_links_to_village_news_carry_the_port(village_factory, client_for, settings):
    settings.VILLAGEWEB_URL_PORT = 8123
    jlodro = village_factory("Jlodro")
    make_news_page(village=jlodro, title="Sedekah bumi", slug="sedekah-bumi")
    text = client_for("localhost:8123").get("/berita-desa/").text
    assert f"http://{jlodro.domain}:8123/berita/sedekah-bumi/" in text
    assert f"http://{jlodro.domain}/" not in text and ":8000" not in text


@pytest.mark.django_db
def test_portal_thumbnails_follow_the_port_the_server_runs_on_now(village_factory, client_for, settings):
    """The index keeps each thumbnail's path, not its URL: news federated while the server ran on
    8000 shows its picture when the same database is served on 8123."""
    settings.VILLAGEWEB_URL_PORT = 8000
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Panen jagung", slug="panen-jagung", image=make_image("Panen"))
    connection.set_schema_to_public()
    settings.VILLAGEWEB_URL_PORT = 8123
    html = client_for("localhost:8123").get("/").text
    thumbnails = re.findall(r'<img src="([^"]+)"', html)
    assert thumbnails and all(src.startswith(f"http://{jlodro.domain}:8123/media/") for src in thumbnails)
    media = client_for(f"{jlodro.domain}:8123").get(thumbnails[0].split(":8123", 1)[1])
    assert media.status_code == 200 and media["Content-Type"] == "image/webp"
