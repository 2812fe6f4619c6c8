"""Making the platform ready: shared schema, portal tenant and site, template schema, spares."""

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail.models import Locale, Page, Site

from provisioning import schema_clone
from provisioning.hooks import PORTAL_BUILD, TEMPLATE_BUILD, hooks_run
from tenants.models import Domain, Village
from villageweb.database import citus_schema_sharding
from villageweb.portal.models import PortalHomePage


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
        # On Citus the template stays a plain schema of the coordinator: the fast clone dumps its rows.
        with citus_schema_sharding(connection, on=False):
            template.save(verbosity=verbosity)
    elif migrate:
        call_command(
            "migrate_schemas",
            schema_name=template.schema_name,
            interactive=False,
            verbosity=verbosity,
        )
    with schema_context(template.schema_name):
        hooks_run(TEMPLATE_BUILD)
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
                    title=settings.VILLAGEWEB_PORTAL_NAME,
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
                "site_name": settings.VILLAGEWEB_PORTAL_NAME,
            },
        )
        hooks_run(PORTAL_BUILD)


def _root_page_create() -> Page:
    """The page tree's root, which Wagtail's migrations create (gone after a test database flush)."""
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
