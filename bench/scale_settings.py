"""Settings for bench/scale.py's `migrate_villages` runs: dev settings, DEBUG off, plus the scratch
tenant app bench.migrate_app whose migrations bench/scale.py writes one per step (one new column in
every schema's page table) into the folder named by BENCH_SCALE_MIGRATIONS."""

import os
import sys

from villageweb.settings.dev import *  # noqa: F401,F403
from villageweb.settings.dev import SHARED_APPS, TENANT_APPS

DEBUG = False
if os.environ.get("BENCH_SCALE_MIGRATIONS"):
    sys.path.insert(0, os.environ["BENCH_SCALE_MIGRATIONS"])
    TENANT_APPS = TENANT_APPS + ["bench.migrate_app"]
    INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]
    MIGRATION_MODULES = {"migrate_bench": "scale_migrations"}
