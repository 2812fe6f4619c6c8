"""Building villages and their content for tests, by the same services production uses."""

import itertools

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
) -> ProvisionedVillage:
    """Provision a village by cloning the template (the production path)."""
    number = next(_serial)
    code = code or f"35.23.99.{2000 + number:04d}"
    name = name or f"Ujicoba {number}"
    result = village_provision(
        code=code, name=name, district_name=district_name, kind=kind, subdomain=subdomain
    )
    connection.set_schema_to_public()
    return result


def village_of(result: ProvisionedVillage) -> Village:
    return Village.objects.get(code=result.code)


def in_village(result: ProvisionedVillage):
    """Context manager: run ORM code inside the village's schema."""
    return schema_context(result.schema)


def fill_demo_content(result: ProvisionedVillage, *, demo_code: str = "35.23.12.2014") -> None:
    """Fill a provisioned village with one demo village's content (the fillers seed_demo runs)."""
    from provisioning.demo import demo_village_for
    from provisioning.hooks import hooks_run

    with in_village(result):
        hooks_run("VILLAGEWEB_DEMO_FILLERS", village=village_of(result), demo=demo_village_for(demo_code))
    connection.set_schema_to_public()


def login_as(client, result: ProvisionedVillage, *, username: str = "admin", password: str | None = None):
    """Log a test client into a village's admin (skipping the first-login password change)."""
    from villageweb.accounts.models import PasswordChangeRequired

    with in_village(result):
        PasswordChangeRequired.objects.filter(user__username=username).delete()
    connection.set_schema_to_public()
    response = client.post(
        "/admin/login/", {"username": username, "password": password or result.admin_password}
    )
    assert response.status_code == 302, "login failed"
    return client
