"""Printable handover sheets: what Diskominfo gives each village when its site is ready.

One HTML file per kecamatan (print it from any browser; the print CSS puts one village per page),
plus an index. Each village: its address, its admin address and user name, the one-time setup link
with its expiry, and the same link as a QR code (SVG, drawn without Pillow).
"""

from collections import defaultdict
from pathlib import Path

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe

from provisioning.subdomains import subdomain_from_name


def qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    return image.to_string(encoding="unicode")


def handover_sheets_write(*, created: list[dict], directory: str | Path) -> list[Path]:
    """Write the sheets for `created` (import_villages' created entries); returns the files written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    by_district = defaultdict(list)
    for entry in created:
        by_district[(entry["district_code"], entry["district_name"])].append(
            {
                **entry,
                "display_name": f"{entry['kind'].capitalize()} {entry['name']}",
                "expires_at": parse_datetime(entry["setup_expires_at"]),
                "qr": mark_safe(qr_svg(entry["setup_url"])),
            }
        )
    written = []
    sheets = []
    for (district_code, district_name), villages in sorted(by_district.items()):
        filename = f"{district_code}-{subdomain_from_name(district_name)}.html"
        context = {
            "regency_name": settings.VILLAGEWEB_REGENCY_NAME,
            "district_code": district_code,
            "district_name": district_name,
            "villages": sorted(villages, key=lambda village: village["code"]),
        }
        path = directory / filename
        path.write_text(render_to_string("provisioning/handover_sheet.html", context), encoding="utf-8")
        written.append(path)
        sheets.append({"filename": filename, "district_name": district_name, "count": len(villages)})
    index = directory / "index.html"
    index.write_text(
        render_to_string(
            "provisioning/handover_index.html",
            {"regency_name": settings.VILLAGEWEB_REGENCY_NAME, "sheets": sheets},
        ),
        encoding="utf-8",
    )
    return [index, *written]
