"""Screenshots of every theme at phone (375 px) and desktop (1280 px) width into docs/screenshots/.

Needs the demo (`bash bin/run` once, or `manage.py init_platform && manage.py seed_demo`), Debian's
chromium and `npm ci` in tests/browser. One demo village is drawn in each theme in turn on a
development server started here; its own theme is put back afterwards.

    python tools/screenshots.py [--code 35.23.01.2001]
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "villageweb.settings.dev")

import django  # noqa: E402

django.setup()

from django_tenants.utils import schema_context  # noqa: E402

from tenants.models import Village  # noqa: E402
from themes.models import VillageBranding  # noqa: E402
from themes.regency.models import regency_policy  # noqa: E402
from themes.registry import THEMES  # noqa: E402

OUTPUT = ROOT / "docs" / "screenshots"
WIDTHS = {"ponsel": 375, "desktop": 1280}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_wait(port: int, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("Server pengembangan berhenti sebelum siap.")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise SystemExit("Server pengembangan tidak siap dalam 60 detik.")


def _theme_set(schema: str, slug: str) -> str:
    with schema_context(schema):
        branding = VillageBranding.objects.get()
        previous = branding.theme
        branding.theme = slug
        branding.save(update_fields=["theme"])
    return previous


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", default="35.23.01.2001", help="kode desa demo yang dipotret")
    args = parser.parse_args()
    village = Village.objects.filter(code=args.code).first()
    if village is None:
        raise SystemExit(f"Desa {args.code} belum ada: jalankan dulu `python manage.py seed_demo`.")
    if regency_policy().locked:
        raise SystemExit("Tema dikunci kabupaten: buka kunci dulu agar setiap tema dapat dipotret.")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    original = None
    try:
        _server_wait(port, server)
        OUTPUT.mkdir(parents=True, exist_ok=True)
        for slug in THEMES:
            previous = _theme_set(village.schema_name, slug)
            original = previous if original is None else original
            shots = [
                {
                    "url": f"http://{village.primary_domain}:{port}/",
                    "width": width,
                    "file": str(OUTPUT / f"{slug}-{name}.png"),
                }
                for name, width in WIDTHS.items()
            ]
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as config:
                json.dump({"shots": shots}, config)
            subprocess.run(
                ["node", "screenshots.js", config.name], cwd=ROOT / "tests" / "browser", check=True
            )
            os.unlink(config.name)
    finally:
        if original is not None:
            _theme_set(village.schema_name, original)
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
