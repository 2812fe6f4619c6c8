"""Contrast is computed as WCAG 2.1 defines it, and unreadable primary colours are refused in Indonesian."""

import pytest
from django.core.exceptions import ValidationError

from themes.colours import (
    colour_as_text_on_white,
    contrast_ratio,
    relative_luminance,
    text_colour_on,
    validate_primary_colour,
)


def test_luminance_and_contrast_match_the_wcag_reference_values():
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert relative_luminance("#000000") == pytest.approx(0.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    # #767676 is the lightest grey that still passes 4.5:1 on white.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("colour", ["#777777", "#ff0000", "#2e8b57"])
def test_colour_on_which_neither_white_nor_dark_text_is_readable_is_refused(colour):
    with pytest.raises(ValidationError) as error:
        validate_primary_colour(colour)
    message = error.value.messages[0]
    assert f"Warna {colour} tidak dapat dipakai sebagai warna utama" in message
    assert "WCAG AA mensyaratkan minimal 4,5:1" in message


@pytest.mark.parametrize("value", ["hijau", "#12345", "1d5e3a", "#12345g"])
def test_colour_that_is_not_six_digit_hex_is_refused(value):
    with pytest.raises(ValidationError, match="format heksadesimal enam digit"):
        validate_primary_colour(value)


def test_dark_colour_gets_white_text_and_light_colour_gets_dark_text():
    validate_primary_colour("#1d5e3a")
    validate_primary_colour("#f2c230")
    assert text_colour_on("#1d5e3a") == "#ffffff"
    assert text_colour_on("#f2c230") == "#1a1a1a"
    assert colour_as_text_on_white("#1d5e3a") == "#1d5e3a"
    assert colour_as_text_on_white("#f2c230") == "#1a1a1a"
