"""Creating a village site from the template, in one transaction with its audit entry."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_tenants.models import TenantMixin
from django_tenants.signals import post_schema_sync
from django_tenants.utils import schema_context
from wagtail.models import Site

from provisioning import schema_clone
from provisioning.audit import audit_record
from provisioning.hooks import VILLAGE_SETUP, hooks_run
from provisioning.models import AuditEntry
from provisioning.services.validation import village_input_validate
from tenants.models import Domain, Village, schema_name_for_code, site_url
from villageweb.accounts.roles import GROUP_ADMIN
from villageweb.accounts.services import one_time_password_issue, setup_link_issue
from villageweb.village.models import HomePage

logger = logging.getLogger(__name__)

VILLAGE_ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class ProvisionedVillage:
    code: str
    schema: str
    domain: str
    url: str
    admin_url: str
    admin_username: str
    admin_password: str | None
    setup_url: str | None = None
    setup_expires_at: datetime | None = None

    def as_dict(self) -> dict:
        """The `provision_village --json` object; the setup keys only when a setup link was issued."""
        result = {
            "code": self.code,
            "schema": self.schema,
            "domain": self.domain,
            "url": self.url,
            "admin_url": self.admin_url,
            "admin_username": self.admin_username,
            "admin_password": self.admin_password,
        }
        if self.setup_url:
            result["setup_url"] = self.setup_url
            result["setup_expires_at"] = timezone.localtime(self.setup_expires_at).isoformat()
        return result


def village_provision(
    *,
    code: str,
    name: str,
    district_name: str,
    kind: str = Village.Kind.DESA,
    subdomain: str | None = None,
    setup_link: bool = False,
    snapshot: schema_clone.TemplateSnapshot | None = None,
    actor: str,
    reason: str = "",
    address: str | None = None,
    off_list: Sequence[str] = (),
) -> ProvisionedVillage:
    """Create a village site: tenant row, schema copied from the template, domain, Wagtail site,
    home page, admin, and the audit entry.

    One transaction (PostgreSQL DDL is transactional): on any failure, or a kill at any moment,
    nothing is left behind. The admin gets a random one-time password, or with `setup_link` no
    password at all but a one-time link to set one. `snapshot` lets a bulk import dump the template
    once instead of once per village. `off_list`: where the Kemendagri list disagrees and the
    operator went past it (with `reason`), kept in the audit entry.
    """
    code, name, district_name = code.strip(), name.strip(), (district_name or "").strip()
    if kind == Village.Kind.OPD:
        code, district_name = code.upper(), ""
    elif kind == Village.Kind.KECAMATAN:
        district_name = name
    subdomain = village_input_validate(
        code=code, name=name, district_name=district_name, kind=kind, subdomain=subdomain
    )
    domain_name = f"{subdomain}.{settings.VILLAGEWEB_BASE_DOMAIN}"
    url = site_url(domain_name)
    with transaction.atomic():
        village = Village(
            schema_name=schema_name_for_code(code),
            code=code,
            name=name,
            kind=kind,
            district_code=_district_code(kind, code),
            district_name=district_name,
        )
        village_schema_create(village=village, snapshot=snapshot)
        Domain.objects.create(domain=domain_name, tenant=village, is_primary=True)
        with schema_context(village.schema_name):
            _village_site_setup(village, domain_name)
            user = _village_admin_create(village)
            if setup_link:
                password, link = None, setup_link_issue(user=user, site_url=url)
            else:
                password, link = one_time_password_issue(user=user), None
        audit_record(
            village_code=code,
            action=AuditEntry.Action.PROVISION,
            actor=actor,
            address=address,
            detail=("Di luar daftar resmi: " + " ".join(off_list)) if off_list else "",
            reason=reason,
        )
    return ProvisionedVillage(
        code=code,
        schema=village.schema_name,
        domain=domain_name,
        url=f"{url}/",
        admin_url=f"{url}/admin/",
        admin_username=VILLAGE_ADMIN_USERNAME,
        admin_password=password,
        setup_url=link.url if link else None,
        setup_expires_at=link.expires_at if link else None,
    )


def _district_code(kind: str, code: str) -> str:
    if kind == Village.Kind.OPD:
        return ""
    if kind == Village.Kind.KECAMATAN:
        return code
    return code.rsplit(".", 1)[0]


def village_schema_create(*, village: Village, snapshot: schema_clone.TemplateSnapshot | None = None) -> None:
    """Save the tenant row and give it its schema by the fast clone (provisioning/schema_clone.py).

    Provisioning and restore_village both make a village's schema this way, from the template only.

    Without a usable pg_dump, django-tenants' own clone does the job, only slower.
    """
    village.auto_create_schema = False
    village.save(verbosity=0)
    try:
        with transaction.atomic():
            schema_clone.schema_create(schema_name=village.schema_name, snapshot=snapshot)
    except schema_clone.SchemaCloneUnavailable:
        logger.warning("Fast clone unavailable; using django-tenants' clone for %s", village.schema_name)
        village.create_schema(check_if_exists=True, verbosity=0)
    post_schema_sync.send(sender=TenantMixin, tenant=village)


def _village_site_setup(village: Village, domain_name: str) -> None:
    home = HomePage.objects.get()
    Site.objects.update_or_create(
        root_page=home,
        defaults={
            "hostname": domain_name,
            "port": 80,
            "is_default_site": True,
            "site_name": village.display_name,
        },
    )
    hooks_run(VILLAGE_SETUP, village=village)


def _village_admin_create(village: Village):
    """The village's admin, with no usable password until one is issued or set through a link."""
    user = get_user_model().objects.create_user(
        username=VILLAGE_ADMIN_USERNAME,
        first_name="Admin",
        last_name=village.display_name,
        email="",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=GROUP_ADMIN))
    return user
