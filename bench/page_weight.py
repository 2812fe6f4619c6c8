"""Page weight of the demo villages' home pages against the 100 KB budget (HTML+CSS+JS, gzipped).

Run after `bash bin/run` has seeded the demo (or `manage.py seed_demo`):
    python bench/page_weight.py [host ...]      (default: every demo village)
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "villageweb.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from provisioning.demo import DEMO_VILLAGES  # noqa: E402
from tenants.models import Village  # noqa: E402
from themes.weight import BUDGET_BYTES, page_weight  # noqa: E402


def _hosts() -> list[str]:
    if len(sys.argv) > 1:
        return sys.argv[1:]
    codes = [demo.code for demo in DEMO_VILLAGES]
    return [village.primary_domain for village in Village.objects.filter(code__in=codes)]


def _widest_candidate(image: dict) -> int:
    """The widest rendition the browser may pick: the largest `w` in srcset, else the width attribute."""
    widths = [
        int(candidate.split()[1].rstrip("w"))
        for candidate in (image.get("srcset") or "").split(",")
        if len(candidate.split()) == 2
    ]
    return max(widths, default=int(image.get("width") or 0))


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    print(f"Anggaran: {BUDGET_BYTES / 1024:.0f} KB HTML+CSS+JS (gzip) per beranda")
    print(
        f"{'host':32} {'HTML':>8} {'CSS':>8} {'JS':>6} {'total':>8} {'rasio':>6}  "
        "gambar (eager/lazy), terbesar"
    )
    for host in _hosts():
        response = Client(HTTP_HOST=host).get("/")
        if response.status_code != 200:
            print(f"{host:32} HTTP {response.status_code}")
            continue
        weight = page_weight(response.content.decode())
        largest = max(weight.eager_images + weight.lazy_images, key=_widest_candidate, default=None)
        largest_text = (
            f"{largest.get('src', '').rsplit('.', 1)[-1]}, {_widest_candidate(largest)} px terlebar, "
            f"srcset {'ya' if largest.get('srcset') else 'tidak'}, sizes {largest.get('sizes', '-')}"
            if largest
            else "-"
        )
        print(
            f"{host:32} {weight.html_bytes / 1024:7.1f}K {weight.css_bytes / 1024:7.1f}K "
            f"{weight.js_bytes / 1024:5.1f}K {weight.total_bytes / 1024:7.1f}K {weight.budget_ratio:6.2f}  "
            f"{len(weight.eager_images)}/{len(weight.lazy_images)}, {largest_text}"
        )


if __name__ == "__main__":
    main()
