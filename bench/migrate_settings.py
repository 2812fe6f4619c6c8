"""Settings for bench/migrate_all.py: dev settings plus, when asked, the scratch migration app."""

import os

from villageweb.settings.dev import *  # noqa: F401,F403
from villageweb.settings.dev import SHARED_APPS, TENANT_APPS

if os.environ.get("BENCH_MIGRATE_APP") == "1":
    TENANT_APPS = TENANT_APPS + ["bench.migrate_app"]
    INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]
