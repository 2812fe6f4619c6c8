"""Building villages and their content for tests, by the same services production uses."""

import datetime
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


def admin_client_for(result: ProvisionedVillage, *, username: str = "admin", password: str | None = None):
    """A client on the village's domain, logged in to its admin past the first-login password change."""
    from django.test import Client

    return login_as(Client(HTTP_HOST=result.domain), result, username=username, password=password)


def make_image(title: str = "Foto kegiatan", *, colour: str = "green", alt: str = "Warga bekerja bakti"):
    """An image in the current schema, with alt text (Wagtail's description field)."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(
        title=title, description=alt, file=get_test_image_file(filename=f"{title[:20]}.png", colour=colour)
    )


def make_news_page(
    title: str = "Kerja bakti membersihkan saluran air",
    *,
    date: str | datetime.date = "2026-11-01",
    summary: str | None = None,
    categories=(),
    tags=(),
    image=None,
    body=None,
    parent=None,
    slug: str | None = None,
    publish: bool = True,
):
    """A NewsPage under the current schema's Berita page (run inside in_village), published by the
    real publish path unless `publish=False` (then it is a draft)."""
    from django.utils.text import slugify

    from villageweb.news.models import NewsIndexPage, NewsPage

    index = parent or NewsIndexPage.objects.get()
    page = index.add_child(
        instance=NewsPage(
            title=title,
            slug=slug or slugify(title)[:200],
            date=date,
            summary=summary if summary is not None else f"Ringkasan: {title}.",
            main_image=image,
            body=body or [("paragraph", f"<p>Isi berita {title}.</p>")],
            live=False,
        )
    )
    page.categories.set(categories)
    page.tags.add(*tags)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def make_announcement(
    title: str = "Penyaluran BLT Dana Desa",
    *,
    valid_until: datetime.date,
    date: datetime.date | None = None,
):
    from django.utils.text import slugify

    from villageweb.announcements.models import AnnouncementIndexPage, AnnouncementPage

    index = AnnouncementIndexPage.objects.get()
    page = index.add_child(
        instance=AnnouncementPage(
            title=title,
            slug=slugify(title)[:200],
            date=date or min(valid_until, datetime.date.today()),
            valid_until=valid_until,
            summary=f"Ringkasan: {title}.",
            live=False,
        )
    )
    page.save_revision().publish()
    return page


def make_event(
    title: str = "Musyawarah Desa",
    *,
    start: datetime.datetime,
    hours: int = 2,
    place: str = "Balai Desa",
    description: str = "Seluruh ketua RT dan RW diundang.",
):
    from django.utils.text import slugify

    from villageweb.announcements.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    page = index.add_child(
        instance=EventPage(
            title=title,
            slug=slugify(title)[:200],
            start=start,
            end=start + datetime.timedelta(hours=hours),
            place=place,
            description=description,
            live=False,
        )
    )
    page.save_revision().publish()
    return page


def make_budget_year(year: int, items: list[tuple[str, str, str, int, int]]):
    """A published APBDes year page; items are (section, bidang, name, planned, realised)."""
    from villageweb.budget.models import BudgetIndexPage, BudgetItem, BudgetYearPage

    index = BudgetIndexPage.objects.get()
    page = BudgetYearPage(title=f"APBDes {year}", slug=str(year), year=year, live=False)
    page.items = [
        BudgetItem(section=section, bidang=bidang, name=name, planned=planned, realised=realised)
        for section, bidang, name, planned, realised in items
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


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
    assert response.status_code == 302, f"{username} could not log in to {result.domain}"
    return client


def make_village_news(result: ProvisionedVillage, *, title: str, slug: str, date=None, image=None):
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
