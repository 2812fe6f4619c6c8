"""Building villages and their content for tests, by the same services production uses."""

import itertools
import os
from urllib.parse import quote

from django.db import connection
from django_tenants.utils import schema_context

from provisioning.services import ProvisionedVillage, village_provision
from tenants.models import Village

_serial = itertools.count(1)


def make_village(
    name: str | None = None,
    *,
    code: str | None = None,
    district_name: str = "Kenduruan",
    kind: str = "desa",
    subdomain: str | None = None,
    setup_link: bool = False,
) -> ProvisionedVillage:
    """Provision a village by cloning the template (the production path)."""
    number = next(_serial)
    code = code or f"35.23.99.{2000 + number:04d}"
    name = name or f"Ujicoba {number}"
    result = village_provision(
        code=code,
        name=name,
        district_name=district_name,
        kind=kind,
        subdomain=subdomain,
        setup_link=setup_link,
    )
    connection.set_schema_to_public()
    return result


def village_of(result: ProvisionedVillage) -> Village:
    return Village.objects.get(code=result.code)


def in_village(result: ProvisionedVillage):
    """Context manager: run ORM code inside the village's schema."""
    return schema_context(result.schema)


def subprocess_env() -> dict:
    """Environment for a `manage.py` subprocess that talks to this test run's database."""
    db = connection.settings_dict
    host = db["HOST"]
    credentials = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        credentials += f":{quote(db['PASSWORD'])}"
    netloc = f"{credentials}@{'' if host.startswith('/') else host}"
    if db.get("PORT"):
        netloc += f":{db['PORT']}"
    url = f"postgres://{netloc}/{db['NAME']}"
    if host.startswith("/"):
        url += f"?host={host}"
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "villageweb.settings.test"}
