"""WhatsApp links: the numbers officials type become wa.me links with an Indonesian message."""

import pytest

from villageweb.whatsapp import whatsapp_number, whatsapp_url


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("081234567890", "6281234567890"),
        ("0812-3456-7890", "6281234567890"),
        ("+62 812 3456 7890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("81234567890", "6281234567890"),
        ("(0356) 321401", ""),
        ("", ""),
        ("12", ""),
    ],
)
def test_whatsapp_number_normalises_08_to_628(raw, expected):
    assert whatsapp_number(raw) == expected


def test_whatsapp_url_carries_the_prefilled_message():
    url = whatsapp_url("0812 3456 7890", "Halo, saya tertarik dengan ikan asin")
    assert url == "https://wa.me/6281234567890?text=Halo%2C%20saya%20tertarik%20dengan%20ikan%20asin"
    assert whatsapp_url("bukan nomor", "Halo") == ""
