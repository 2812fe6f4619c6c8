"""Local development: safe defaults, DEBUG on, e-mail to the console."""

import os

from .base import *  # noqa: F401,F403
from .base import VILLAGEWEB_BASE_DOMAIN

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-key-not-for-production")
ALLOWED_HOSTS = [VILLAGEWEB_BASE_DOMAIN, f".{VILLAGEWEB_BASE_DOMAIN}", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
