"""Limits on filing cases and on looking codes up, counted in the platform cache (not per schema):
a citizen's allowance is per provider whichever host they file through (village or portal), and a
code guesser's failures count across every host.

Only accepted cases are counted (issue 27 item 9): a refused or invalid form costs nothing; the
check before the form is read is one cache read, so a flood is refused without touching the database.
"""

from django.conf import settings
from django.core.cache import caches

from villageweb.security.client_address import client_address


def _cache():
    return caches["platform"]


def _count(key: str) -> int:
    return _cache().get(key) or 0


def _bump(key: str, window: int) -> None:
    cache = _cache()
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)


def _address_key(request, provider_id: int) -> str:
    return f"cases:filed:{provider_id}:{client_address(request)}"


def _provider_key(provider_id: int) -> str:
    return f"cases:filed:{provider_id}"


def filing_refusal(request, provider_id: int) -> str | None:
    """An Indonesian reason this visitor may not file another case with this provider now, or None."""
    limit, window = settings.VILLAGEWEB_CONTACT_RATE_LIMIT
    if _count(_address_key(request, provider_id)) >= limit:
        return (
            f"Anda sudah mengirim {limit} pesan dalam {max(1, window // 60)} menit terakhir. Pesan ini "
            f"belum terkirim; silakan coba lagi {max(1, window // 60)} menit lagi, atau hubungi kantor "
            "secara langsung."
        )
    provider_limit, _ = settings.VILLAGEWEB_CASE_PROVIDER_LIMIT
    if _count(_provider_key(provider_id)) >= provider_limit:
        return (
            "Kotak pengaduan ini sedang menerima terlalu banyak pesan. Pesan ini belum terkirim; silakan "
            "coba lagi satu jam lagi, atau hubungi kantor secara langsung."
        )
    return None


def filing_count(request, provider_id: int) -> None:
    _bump(_address_key(request, provider_id), settings.VILLAGEWEB_CONTACT_RATE_LIMIT[1])
    _bump(_provider_key(provider_id), settings.VILLAGEWEB_CASE_PROVIDER_LIMIT[1])


def _track_key(request) -> str:
    return f"cases:track-miss:{client_address(request)}"


def tracking_refused(request) -> bool:
    limit, _ = settings.VILLAGEWEB_CASE_TRACK_LIMIT
    return _count(_track_key(request)) >= limit


def tracking_miss_count(request) -> None:
    _bump(_track_key(request), settings.VILLAGEWEB_CASE_TRACK_LIMIT[1])
