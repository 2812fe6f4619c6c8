"""Production: every secret comes from the environment; the process refuses to start without it.

TLS is terminated by the reverse proxy in front of gunicorn, so SECURE_SSL_REDIRECT and HSTS are set
by the proxy and `check --deploy` warnings W004 (HSTS) and W008 (SSL redirect) are silenced here on
purpose. W019 (X-Frame-Options not DENY) is silenced because Wagtail's live preview shows the page
in a same-origin frame; SAMEORIGIN still blocks other sites. See docs/deployment.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

# Checked before base.py runs: without DATABASE_URL it would start the embedded development server,
# and production data must never land in a checkout's .pgdata/.
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "Environment variable DATABASE_URL must be set in production (never the embedded PostgreSQL)."
    )

from villageweb.security.client_address import trusted_proxies_problem  # noqa: E402

from .base import *  # noqa: E402,F401,F403
from .base import VILLAGEWEB_BASE_DOMAIN, VILLAGEWEB_TRUSTED_PROXIES  # noqa: E402


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
# Behind Caddy and Varnish every request reaches gunicorn from 127.0.0.1: without the proxies listed,
# every citizen would be one visitor to the log-in throttle, the contact form and the audit log.
_proxies_problem = trusted_proxies_problem(VILLAGEWEB_TRUSTED_PROXIES)
if _proxies_problem:
    raise ImproperlyConfigured(_proxies_problem)
# Villages' own domains (add_domain) come and go without a restart, so the Domain table is the host
# allow-list: VillageTenantMiddleware, first in MIDDLEWARE (check villageweb.E001), answers 404 to any
# other host before a view can read it. Set ALLOWED_HOSTS to pin a fixed list instead.
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")
VILLAGEWEB_URL_SCHEME = os.environ.get("VILLAGEWEB_URL_SCHEME", "https")
VILLAGEWEB_URL_PORT = int(os.environ.get("VILLAGEWEB_URL_PORT", "443"))
VILLAGEWEB_EXPORT_ROOT = os.environ.get("VILLAGEWEB_EXPORT_ROOT", "/var/lib/villageweb/exports")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W019"]

_redis_url = stack_setting("REDIS_URL", os.environ)  # noqa: F405
if _redis_url:
    # A Redis outage degrades to no cache (villageweb/freshness/redis_cache.py), with timeouts short
    # enough that an unreachable Redis costs each request milliseconds, not seconds.
    _redis = {
        "BACKEND": "villageweb.freshness.redis_cache.ResilientRedisCache",
        "LOCATION": _redis_url,
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.5},
    }
    CACHES = {
        "default": _redis,
        "renditions": {**_redis, "KEY_PREFIX": "renditions"},
        # Shared by all processes, so the portal's pages and frame are rendered once per change,
        # not once per worker. Keys carry no schema, as in base.py.
        "platform": {
            "BACKEND": _redis["BACKEND"],
            "LOCATION": _redis["LOCATION"],
            "OPTIONS": _redis["OPTIONS"],
            "KEY_PREFIX": "platform",
        },
    }

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"noreply@{VILLAGEWEB_BASE_DOMAIN}")
VILLAGEWEB_CONTACT_FROM_EMAIL = os.environ.get("VILLAGEWEB_CONTACT_FROM_EMAIL", DEFAULT_FROM_EMAIL)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"pgserver": {"level": "WARNING"}},
}
