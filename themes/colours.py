"""Colour contrast as WCAG 2.1 defines it, so a village's chosen colour can never make text unreadable."""

import re

from django.core.exceptions import ValidationError

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
# The dark ink every theme writes body text in; text on a light primary colour uses it too.
DARK = "#1a1a1a"
AA_NORMAL_TEXT = 4.5


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance: linearise each sRGB channel, then weight by the eye's sensitivity."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White or dark text, whichever reads better on the background."""
    return WHITE if contrast_ratio(WHITE, background) >= contrast_ratio(DARK, background) else DARK


def colour_as_text_on_white(colour: str) -> str:
    """The colour itself where it is readable as text on white (links, headings); dark ink otherwise."""
    return colour if contrast_ratio(colour, WHITE) >= AA_NORMAL_TEXT else DARK


def _ratio(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def validate_primary_colour(value: str) -> None:
    """Refuse a colour on which neither white nor dark text reaches WCAG AA (4.5:1)."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            "Tulis warna dalam format heksadesimal enam digit, misalnya #1d5e3a.", code="invalid_colour"
        )
    on_white = contrast_ratio(WHITE, value)
    on_dark = contrast_ratio(DARK, value)
    if max(on_white, on_dark) < AA_NORMAL_TEXT:
        raise ValidationError(
            f"Warna {value} tidak dapat dipakai sebagai warna utama: teks putih di atasnya hanya "
            f"mencapai kontras {_ratio(on_white)}:1 dan teks gelap {_ratio(on_dark)}:1, padahal "
            "WCAG AA mensyaratkan minimal 4,5:1 agar mudah dibaca. Pilih warna yang lebih gelap "
            "atau lebih terang.",
            code="low_contrast",
        )
