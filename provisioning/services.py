"""Business actions on the platform and its villages. Commands, views and admin actions call these."""

import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists
from wagtail.models import Page, Site

from provisioning import subdomains
from provisioning.hooks import hooks_run
from provisioning.template import GROUP_ADMIN
from tenants.models import Domain, Village, schema_name_for_code, site_url, validate_village_code
from villageweb.accounts.services import one_time_password_issue
from villageweb.portal.models import PortalHomePage
from villageweb.village.models import HomePage

logger = logging.getLogger(__name__)

VILLAGE_ADMIN_USERNAME = "admin"


class ProvisioningError(Exception):
    """Input that cannot become a village. The message is for the operator, in Indonesian."""


@dataclass(frozen=True)
class ProvisionedVillage:
    code: str
    schema: str
    domain: str
    url: str
    admin_url: str
    admin_username: str
    admin_password: str

    def as_dict(self) -> dict:
        return asdict(self)


def platform_init(*, migrate: bool = True, verbosity: int = 0) -> None:
    """Make the platform ready to provision villages; safe to run again at any time.

    Migrates the shared schema, creates the portal tenant with its domain and Wagtail site, and
    keeps the template schema (which every village is cloned from) migrated and prepared.
    """
    if migrate:
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
    _portal_ensure()
    template = Village.objects.filter(schema_name=settings.TENANT_BASE_SCHEMA).first()
    if template is None:
        template = Village(
            schema_name=settings.TENANT_BASE_SCHEMA,
            name="Templat situs desa",
            kind=Village.Kind.TEMPLATE,
        )
        template.save(verbosity=verbosity)
    elif migrate:
        call_command(
            "migrate_schemas",
            schema_name=template.schema_name,
            interactive=False,
            verbosity=verbosity,
        )
    with schema_context(template.schema_name):
        hooks_run("VILLAGEWEB_TEMPLATE_BUILDERS")


def _portal_ensure() -> None:
    public = get_public_schema_name()
    portal = Village.objects.filter(schema_name=public).first()
    if portal is None:
        portal = Village(schema_name=public, name=settings.VILLAGEWEB_REGENCY_NAME, kind=Village.Kind.PORTAL)
        portal.save()
    Domain.objects.get_or_create(
        domain=settings.VILLAGEWEB_BASE_DOMAIN, defaults={"tenant": portal, "is_primary": True}
    )
    with schema_context(public):
        home = PortalHomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            for child in root.get_children():
                child.delete()
            home = root.add_child(
                instance=PortalHomePage(
                    title=f"Portal Desa {settings.VILLAGEWEB_REGENCY_NAME}",
                    slug="portal",
                    intro=(
                        f"<p>Satu pintu untuk seluruh situs desa dan kelurahan di "
                        f"{settings.VILLAGEWEB_REGENCY_NAME}. Smart City berawal dari Smart Village.</p>"
                    ),
                )
            )
            home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": settings.VILLAGEWEB_BASE_DOMAIN,
                "port": 80,
                "root_page": home,
                "site_name": settings.VILLAGEWEB_REGENCY_NAME,
            },
        )
        hooks_run("VILLAGEWEB_PORTAL_BUILDERS")


def _validated_input(*, code: str, name: str, district_name: str, kind: str, subdomain: str | None) -> str:
    """Check everything before anything is written; return the subdomain to use."""
    try:
        validate_village_code(code)
    except Exception as error:
        raise ProvisioningError(f"Kode desa '{code}' tidak valid: {error.messages[0]}") from error
    regency = settings.VILLAGEWEB_REGENCY_CODE
    if regency and not code.startswith(regency + "."):
        raise ProvisioningError(
            f"Kode desa '{code}' bukan wilayah {settings.VILLAGEWEB_REGENCY_NAME} ({regency})."
        )
    if not name.strip():
        raise ProvisioningError("Nama desa tidak boleh kosong.")
    if not district_name.strip():
        raise ProvisioningError("Nama kecamatan tidak boleh kosong.")
    if kind not in (Village.Kind.DESA, Village.Kind.KELURAHAN):
        raise ProvisioningError(f"Jenis '{kind}' tidak dikenal: pilih 'desa' atau 'kelurahan'.")
    if Village.objects.filter(code=code).exists():
        raise ProvisioningError(f"Desa dengan kode {code} sudah ada.")
    if schema_exists(schema_name_for_code(code)):
        raise ProvisioningError(f"Skema untuk kode {code} sudah ada di basis data.")
    base = settings.VILLAGEWEB_BASE_DOMAIN
    if subdomain is not None:
        problem = subdomains.subdomain_problem(subdomain)
        if problem:
            raise ProvisioningError(problem)
        if Domain.objects.filter(domain=f"{subdomain}.{base}").exists():
            raise ProvisioningError(f"Subdomain '{subdomain}' sudah dipakai desa lain.")
        return subdomain
    for candidate in (
        subdomains.subdomain_from_name(name),
        subdomains.subdomain_with_district(name, district_name),
    ):
        if (
            subdomains.subdomain_problem(candidate) is None
            and not Domain.objects.filter(domain=f"{candidate}.{base}").exists()
        ):
            return candidate
    raise ProvisioningError(
        f"Tidak dapat menurunkan subdomain yang bebas dari nama '{name}': gunakan --subdomain."
    )


def village_provision(
    *,
    code: str,
    name: str,
    district_name: str,
    kind: str = Village.Kind.DESA,
    subdomain: str | None = None,
) -> ProvisionedVillage:
    """Create a village site: tenant row, cloned schema, domain, Wagtail site, home page, admin.

    One transaction (PostgreSQL DDL is transactional): on any failure nothing is left behind.
    """
    code, name, district_name = code.strip(), name.strip(), district_name.strip()
    subdomain = _validated_input(
        code=code, name=name, district_name=district_name, kind=kind, subdomain=subdomain
    )
    domain_name = f"{subdomain}.{settings.VILLAGEWEB_BASE_DOMAIN}"
    with transaction.atomic():
        village = Village(
            schema_name=schema_name_for_code(code),
            code=code,
            name=name,
            kind=kind,
            district_code=code.rsplit(".", 1)[0],
            district_name=district_name,
        )
        village.save(verbosity=0)
        Domain.objects.create(domain=domain_name, tenant=village, is_primary=True)
        with schema_context(village.schema_name):
            _village_site_setup(village, domain_name)
            password = _village_admin_create(village)
    url = site_url(domain_name)
    return ProvisionedVillage(
        code=code,
        schema=village.schema_name,
        domain=domain_name,
        url=f"{url}/",
        admin_url=f"{url}/admin/",
        admin_username=VILLAGE_ADMIN_USERNAME,
        admin_password=password,
    )


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
    hooks_run("VILLAGEWEB_VILLAGE_SETUP_HOOKS", village=village)


def village_home_personalise(*, village: Village) -> None:
    """Give the cloned home page the village's own name and a first greeting."""
    home = HomePage.objects.get()
    home.title = village.display_name
    home.greeting = (
        f"<p>Selamat datang di situs resmi Pemerintah {village.display_name}, Kecamatan "
        f"{village.district_name}, {settings.VILLAGEWEB_REGENCY_NAME}. Di sini warga dapat membaca "
        "berita desa, profil dan perangkat desa, transparansi APBDes, produk hukum, serta "
        "menyampaikan pengaduan dan pertanyaan.</p>"
    )
    home.search_description = (
        f"Situs resmi {village.display_name}, Kecamatan {village.district_name}, "
        f"{settings.VILLAGEWEB_REGENCY_NAME}."
    )
    home.save_revision().publish()


def _village_admin_create(village: Village) -> str:
    user = get_user_model().objects.create_user(
        username=VILLAGE_ADMIN_USERNAME,
        first_name="Admin",
        last_name=village.display_name,
        email="",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=GROUP_ADMIN))
    return one_time_password_issue(user=user)
