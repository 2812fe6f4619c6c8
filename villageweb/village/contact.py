"""The complaint form's spam protection.

The rate limit counts in the default cache, whose keys carry the schema (django-tenants'
make_key), so one village's visitors never use up another village's allowance; the visitor is
told apart by `tenants.client_address` (VILLAGEWEB_TRUSTED_PROXIES), so citizens behind the same
reverse proxy each have their own allowance.
"""

from django.conf import settings
from django.core.cache import cache

from tenants.client_address import client_address

# The form renders an input with this name that people never see; bots fill every field.
HONEYPOT_FIELD = "situs_web"

MESSAGE_HONEYPOT = (
    "Pesan tidak dapat dikirim karena kolom tersembunyi ikut terisi. Jika Anda mengisi formulir "
    "secara otomatis, kosongkan kolom 'Jangan diisi' lalu kirim ulang."
)
MESSAGE_RATE_LIMIT = (
    "Terlalu banyak pesan dari jaringan Anda dalam waktu singkat. Silakan coba lagi {minutes} menit "
    "lagi, atau hubungi kantor desa secara langsung."
)


def contact_submission_rejection(request) -> tuple[int, str] | None:
    """Why this POST to the contact form must be refused (status, Indonesian message), or None."""
    limit, window = settings.VILLAGEWEB_CONTACT_RATE_LIMIT
    key = f"contact-form:{client_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        attempts = 1
    if attempts > limit:
        return 429, MESSAGE_RATE_LIMIT.format(minutes=max(1, window // 60))
    if request.POST.get(HONEYPOT_FIELD, "").strip():
        return 400, MESSAGE_HONEYPOT
    return None
