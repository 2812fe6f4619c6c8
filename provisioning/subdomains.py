"""Deriving and checking the subdomain a village is reached at.

Rule (documented in docs/provisioning.md): the village name, lowercased, reduced to ASCII letters and
digits, words joined by hyphens ("Lajo Kidul" -> "lajo-kidul"). When that is taken, the kecamatan is
appended the same way ("sugihwaras-parengan"), as desa.id does.
"""

import re
import unicodedata

from tenants.models import SUBDOMAIN_PATTERN

# Names a village may never take: they belong to the platform or to common services.
RESERVED_SUBDOMAINS = frozenset(
    {
        "www",
        "admin",
        "api",
        "mail",
        "smtp",
        "portal",
        "static",
        "media",
        "ftp",
        "ns1",
        "ns2",
        "diskominfo",
        "template",
        "public",
    }
)


def subdomain_from_name(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    return "-".join(words)[:63].strip("-")


def subdomain_problem(subdomain: str) -> str | None:
    """Why `subdomain` cannot be used, in Indonesian, or None when it can."""
    if not subdomain:
        return "Subdomain tidak boleh kosong."
    if not SUBDOMAIN_PATTERN.match(subdomain):
        return (
            f"Subdomain '{subdomain}' tidak valid: gunakan huruf kecil a-z, angka, dan tanda hubung "
            "(bukan di awal atau akhir), paling banyak 63 karakter."
        )
    if subdomain in RESERVED_SUBDOMAINS:
        return f"Subdomain '{subdomain}' dicadangkan untuk platform."
    return None


def subdomain_with_district(name: str, district_name: str) -> str:
    return f"{subdomain_from_name(name)}-{subdomain_from_name(district_name)}"[:63].strip("-")
