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


def news_index_get():
    """The village's news index page (created under its home page if missing). Call in the village."""
    from villageweb.news.models import NewsIndexPage
    from villageweb.village.models import HomePage

    index = NewsIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
        index.save_revision().publish()
    return index


def make_news_page(
    title: str,
    *,
    parent=None,
    slug: str | None = None,
    date: str = "2026-11-01",
    summary: str | None = None,
    image=None,
    body=None,
    publish: bool = True,
):
    """A news page in the current village's news index, published by the real publish path."""
    from django.utils.text import slugify

    from villageweb.news.models import NewsPage

    parent = parent or news_index_get()
    page = parent.add_child(
        instance=NewsPage(
            title=title,
            slug=slug or slugify(title),
            date=date,
            summary=summary if summary is not None else f"Ringkasan {title}",
            main_image=image,
            body=body or [],
            live=False,
        )
    )
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
