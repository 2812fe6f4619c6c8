"""Branding for the demo villages: each theme worn by at least one of them, with a header photo."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Site

from themes.models import VillageBranding

# code -> (theme, primary colour or "" for the theme's own, sky colour, land colour of the header photo)
DEMO_BRANDING = {
    "35.23.12.2014": ("pesisir", "", (120, 190, 220), (20, 90, 130)),
    "35.23.18.2002": ("pesisir", "#0b5f73", (150, 200, 225), (15, 80, 110)),
    "35.23.16.1013": ("modern", "", (200, 215, 235), (90, 95, 110)),
    "35.23.01.2001": ("klasik", "", (190, 215, 170), (40, 95, 45)),
}


def _header_photo(name: str, sky: tuple, land: tuple) -> Image:
    """A generated landscape (sky fading into land or sea), so the demo needs no downloaded photos."""
    width, height = 1600, 600
    picture = PillowImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        share = y / height
        colour = tuple(int(s + (e - s) * share) for s, e in zip(sky, land, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return Image.objects.create(
        title=f"Pemandangan {name}", file=ImageFile(buffer, name=f"kepala-{name.lower()}.jpg")
    )


def branding_demo_fill(*, village, demo) -> None:
    theme, colour, sky, land = DEMO_BRANDING.get(demo.code, ("klasik", "", (190, 215, 170), (40, 95, 45)))
    branding, _ = VillageBranding.objects.get_or_create(site=Site.objects.get(is_default_site=True))
    branding.theme = theme
    branding.primary_colour = colour
    branding.header_image = branding.header_image or _header_photo(demo.name, sky, land)
    # Villages with their own demo facts have their office details already (village demo filler).
    branding.address = branding.address or (
        f"Jl. Raya {demo.name} No. 1, {village.display_name}, Kecamatan {demo.district_name}"
    )
    branding.office_hours = branding.office_hours or "Senin–Kamis 08.00–15.00 WIB, Jumat 08.00–11.00 WIB"
    branding.phone = branding.phone or "(0356) 321000"
    branding.whatsapp = branding.whatsapp or "0812 3456 7890"
    branding.email = branding.email or f"pemdes.{demo.name.lower()}@example.id"
    branding.footer_text = f"Pemerintah {village.display_name} · Melayani dengan sepenuh hati."
    branding.full_clean()
    branding.save()
