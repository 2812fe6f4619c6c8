"""Local development: safe defaults, DEBUG on, e-mail to the console."""

import os

from .base import *  # noqa: F401,F403
from .base import STORAGES

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-key-not-for-production")
# Villages' own domains (add_domain) come and go without a restart: the Domain table is the allow-list,
# enforced by VillageTenantMiddleware (first in MIDDLEWARE; check villageweb.E001). docs/operations.md.
ALLOWED_HOSTS = ["*"]
# `PORT=8123 bash bin/run` serves on 8123, so every link (printed log-ins, portal links and images,
# support log-in, admin e-mails through base.py's lazy WAGTAILADMIN_BASE_URL) is written with the port
# the server listens on.
VILLAGEWEB_URL_PORT = int(os.environ.get("VILLAGEWEB_URL_PORT") or os.environ.get("PORT") or "8000")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Media as in base.py (local folder, or S3 when VILLAGEWEB_MEDIA_STORAGE=s3); static files unhashed.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
