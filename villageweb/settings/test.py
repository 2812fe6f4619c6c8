"""Tests: real PostgreSQL (the test run gets its own database), fast password hashing."""

import os

from .dev import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One folder per pytest-xdist worker (each also gets its own test database); `manage.py` subprocesses
# of a test inherit PYTEST_XDIST_WORKER and so find the same folder.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = str(BASE_DIR / "var" / (f"test-media-{_XDIST_WORKER}" if _XDIST_WORKER else "test-media"))
VILLAGEWEB_URL_PORT = 80
# Never a `bin/serve` front cache running in this checkout (var/serve/stack.env): only what a test sets.
VILLAGEWEB_FRONTCACHE_URLS = [
    url for url in os.environ.get("VILLAGEWEB_FRONTCACHE_URLS", "").split(",") if url
]
VILLAGEWEB_SPARE_SCHEMAS = 0
# In-process import (inside the test transaction) unless a test runs the command as a real process.
VILLAGEWEB_IMPORT_WORKERS = int(os.environ.get("VILLAGEWEB_IMPORT_WORKERS", "1"))
