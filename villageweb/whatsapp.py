"""WhatsApp click-to-chat links from numbers as Indonesians write them (0812-..., +62 812 ...)."""

import re
from urllib.parse import quote


def whatsapp_number(raw: str) -> str:
    """`0812-3456-7890`, `+62 812...`, `62812...` -> `6281234567890`; '' when not a mobile number."""
    digits = re.sub(r"\D", "", raw or "")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    if not re.fullmatch(r"628\d{7,11}", digits):
        return ""
    return digits


def whatsapp_url(raw: str, message: str) -> str:
    number = whatsapp_number(raw)
    if not number:
        return ""
    return f"https://wa.me/{number}?text={quote(message)}" if message else f"https://wa.me/{number}"
