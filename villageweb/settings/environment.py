"""Which settings module a command runs with when DJANGO_SETTINGS_MODULE is not set.

An operator on the server who runs `python manage.py ...` without naming the settings must not get
the development settings (DEBUG, console mail, `:8000` links) against the production database. The
production server is recognised by its environment file (docs/deployment.md, step 5); there the
default is production, and a shell that has not loaded that file is refused with what to run.
Read by manage.py before Django starts, so it imports nothing of Django.
"""

import os
from collections.abc import Mapping

PRODUCTION_ENV_FILE = "/etc/villageweb/env"


class ProductionEnvironmentNotLoaded(Exception):
    """The server's environment file exists but this shell has not loaded it. Message in Indonesian."""


def settings_module_default(environ: Mapping[str, str]) -> str:
    """DJANGO_SETTINGS_MODULE if set; else production on a server with the environment file, else dev."""
    if environ.get("DJANGO_SETTINGS_MODULE"):
        return environ["DJANGO_SETTINGS_MODULE"]
    env_file = environ.get("VILLAGEWEB_ENV_FILE", PRODUCTION_ENV_FILE)
    if not os.path.exists(env_file):
        return "villageweb.settings.dev"
    if not environ.get("DATABASE_URL"):
        raise ProductionEnvironmentNotLoaded(
            f"Ini server produksi ({env_file} ada), tetapi lingkungannya belum dimuat. Jalankan dulu: "
            f"set -a; . {env_file}; set +a  (lalu ulangi perintahnya). Untuk pengembangan di mesin ini, "
            "sebutkan DJANGO_SETTINGS_MODULE=villageweb.settings.dev secara tegas."
        )
    return "villageweb.settings.production"
