"""What must never appear in a public reply: NIK/KK numbers and telephone numbers.

A NIK and a KK number are both 16 digits; officials type them with spaces, dots or dashes between
groups. Indonesian phone numbers start 08, +62 or 62 and run 9-13 digits after the prefix.
"""

import re

_SEPARATED_DIGITS = re.compile(r"\d(?:[\s.\-]?\d){8,}")
_PHONE_PREFIX = re.compile(r"^(?:\+?62|0)8")


def personal_numbers_find(text: str) -> list[str]:
    """The NIK/KK-like and phone-like numbers in `text`, as typed."""
    found = []
    for match in _SEPARATED_DIGITS.finditer(text or ""):
        raw = match.group(0)
        digits = re.sub(r"\D", "", raw)
        before = text[max(0, match.start() - 1) : match.start()]
        typed = ("+" if before == "+" else "") + digits
        if len(digits) == 16 or (_PHONE_PREFIX.match(typed) and 10 <= len(digits) <= 15):
            found.append(raw)
    return found


def personal_numbers_message(found: list[str]) -> str:
    return (
        "Jawaban untuk warga tidak boleh memuat NIK, nomor KK, atau nomor telepon ("
        + ", ".join(found[:3])
        + "). Samarkan dulu, misalnya 3523xxxxxxxxxxxx atau 0812xxxxxxx, lalu simpan lagi."
    )
