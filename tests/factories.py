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


def make_news_page(result: ProvisionedVillage, *, title: str, slug: str, date=None, image=None):
    """Publish a news page (creating the news index on first use) inside the village's schema."""
    from django.utils import timezone

    from villageweb.news.models import NewsIndexPage, NewsPage
    from villageweb.village.models import HomePage

    with in_village(result):
        index = NewsIndexPage.objects.first()
        if index is None:
            index = HomePage.objects.get().add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
            index.save_revision().publish()
        page = index.add_child(
            instance=NewsPage(
                title=title,
                slug=slug,
                date=date or timezone.localdate(),
                summary=f"Ringkasan {title}",
                main_image=image,
            )
        )
        page.save_revision().publish()
    connection.set_schema_to_public()
    return page


def command_run(name: str, *args, **options) -> str:
    """Run a management command and return what it wrote to stdout."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(name, *args, stdout=out, **options)
    connection.set_schema_to_public()
    return out.getvalue()


def make_diskominfo_staff(username: str = "budi", *, in_group: bool = True):
    """A portal (public-schema) user; in the "Diskominfo" group unless told otherwise."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    connection.set_schema_to_public()
    user = get_user_model().objects.create_user(username=username, password="sandi-staf-123", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    if in_group:
        group, _ = Group.objects.get_or_create(name="Diskominfo")
        user.groups.add(group)
    return user
