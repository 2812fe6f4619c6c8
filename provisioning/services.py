"""Business actions on the platform and its villages. Commands, views and admin actions call these."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tenants.models import TenantMixin
from django_tenants.signals import post_schema_sync
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site
from wagtail.search import index as search_index

from provisioning import schema_clone, subdomains
from provisioning.hooks import hooks_run
from tenants.models import Domain, Village, schema_name_for_code, site_url, validate_village_code
from villageweb.accounts.roles import GROUP_ADMIN
from villageweb.accounts.services import one_time_password_issue, setup_link_issue
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


def platform_init(*, migrate: bool = True, verbosity: int = 0) -> None:
    """Make the platform ready to provision villages; safe to run again at any time.

    Migrates the shared schema, creates the portal tenant with its domain and Wagtail site, and
    keeps the template schema (which every village is cloned from) migrated and prepared; then
    replaces the pool of spare schemas with fresh copies of the template.
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
    if migrate:
        # The template may have changed (migrations, builders): no village gets an older copy.
        schema_clone.spares_refill(size=settings.VILLAGEWEB_SPARE_SCHEMAS, discard_all=True)


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
            root = Page.get_first_root_node() or _root_page_create()
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


def _root_page_create() -> Page:
    """The page tree's root, which Wagtail's migrations create (gone after a test database flush)."""
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


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
    if kind not in Village.VILLAGE_KINDS:
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
    setup_link: bool = False,
    snapshot: schema_clone.TemplateSnapshot | None = None,
) -> ProvisionedVillage:
    """Create a village site: tenant row, schema copied from the template, domain, Wagtail site,
    home page, admin.

    One transaction (PostgreSQL DDL is transactional): on any failure, or a kill at any moment,
    nothing is left behind. The admin gets a random one-time password, or with `setup_link` no
    password at all but a one-time link to set one. `snapshot` lets a bulk import dump the template
    once instead of once per village.
    """
    code, name, district_name = code.strip(), name.strip(), district_name.strip()
    subdomain = _validated_input(
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
            district_code=code.rsplit(".", 1)[0],
            district_name=district_name,
        )
        _village_schema_create(village, snapshot)
        Domain.objects.create(domain=domain_name, tenant=village, is_primary=True)
        with schema_context(village.schema_name):
            _village_site_setup(village, domain_name)
            user = _village_admin_create(village)
            if setup_link:
                password, link = None, setup_link_issue(user=user, site_url=url)
            else:
                password, link = one_time_password_issue(user=user), None
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


def _village_schema_create(village: Village, snapshot: schema_clone.TemplateSnapshot | None) -> None:
    """Save the tenant row and give it its schema by the fast clone (provisioning/schema_clone.py).

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
    hooks_run("VILLAGEWEB_VILLAGE_SETUP_HOOKS", village=village)


def village_home_personalise(*, village: Village) -> None:
    """Give the cloned home page the village's own name and a first greeting.

    The template's home page arrives published with one revision, so it is rewritten in place (page
    row, that revision, its log entries, its search entry, all dated now) instead of republished:
    a Wagtail publish costs some 80 queries per village, this about 12, and the admin and the site
    show the same result. A home page without a revision is published the ordinary way.
    """
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
    if home.latest_revision_id is None or home.live_revision_id != home.latest_revision_id:
        home.save_revision().publish()
        return
    now = timezone.now()
    home.draft_title = home.title
    home.first_published_at = home.last_published_at = home.latest_revision_created_at = now
    Page.objects.filter(pk=home.pk).update(
        title=home.title,
        draft_title=home.title,
        search_description=home.search_description,
        first_published_at=now,
        last_published_at=now,
        latest_revision_created_at=now,
    )
    HomePage.objects.filter(pk=home.pk).update(greeting=home.greeting)
    Revision.objects.filter(pk=home.latest_revision_id).update(
        content=home.serializable_data(), object_str=home.title, created_at=now
    )
    PageLogEntry.objects.filter(page=home).update(label=home.title, timestamp=now)
    search_index.insert_or_update_object(home)


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
