"""Building villages and their content for tests, by the same services production uses."""

import datetime
import hashlib
import io
import itertools
import json
import os
import tarfile
from pathlib import Path
from urllib.parse import quote

import psycopg
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
        actor="pengujian",
    )
    connection.set_schema_to_public()
    return result


def village_of(result: ProvisionedVillage) -> Village:
    return Village.objects.get(code=result.code)


def in_village(result: ProvisionedVillage):
    """Context manager: run ORM code inside the village's schema."""
    return schema_context(result.schema)


def database_url(name: str | None = None, *, user: str | None = None, password: str | None = None) -> str:
    """A URL of this test run's database, or of database `name` on the same server; as the test
    run's user unless `user` (and its `password`) is given."""
    db = connection.settings_dict
    host = db["HOST"]
    if user is None:
        user, password = db["USER"], db.get("PASSWORD")
    credentials = quote(user or "")
    if password:
        credentials += f":{quote(password)}"
    netloc = f"{credentials}@{'' if host.startswith('/') else host}"
    if db.get("PORT"):
        netloc += f":{db['PORT']}"
    url = f"postgres://{netloc}/{name or db['NAME']}"
    if host.startswith("/"):
        url += f"?host={quote(host)}"
    return url


def subprocess_env(database: str | None = None) -> dict:
    """Environment for a `manage.py` subprocess that talks to this test run's database (or to the
    one at URL `database`)."""
    return {
        **os.environ,
        "DATABASE_URL": database or database_url(),
        "DJANGO_SETTINGS_MODULE": "villageweb.settings.test",
    }


def server_connect(
    *, dbname: str = "postgres", user: str | None = None, password: str | None = None
) -> psycopg.Connection:
    """An autocommit connection to the test server, to its `postgres` database unless `dbname`, as
    the test run's user unless `user` (and its `password`) is given."""
    db = connection.settings_dict
    if user is None:
        user, password = db["USER"] or None, db["PASSWORD"] or None
    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=user,
        password=password,
        dbname=dbname,
        autocommit=True,
    )


def server_statement(statement: str) -> None:
    """Run one statement on the test server's `postgres` database, outside any transaction (CREATE
    and DROP DATABASE)."""
    with server_connect() as admin:
        admin.execute(statement)


def admin_client_for(result: ProvisionedVillage, *, username: str = "admin", password: str | None = None):
    """A client on the village's domain, logged in to its admin past the first-login password change."""
    from django.test import Client

    return login_as(Client(HTTP_HOST=result.domain), result, username=username, password=password)


def make_image(
    title: str = "Foto kegiatan",
    *,
    colour: str = "green",
    alt: str = "Warga bekerja bakti",
    filename: str | None = None,
):
    """An image in the current schema, with alt text (Wagtail's description field)."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(
        title=title,
        description=alt,
        file=get_test_image_file(filename=filename or f"{title[:20]}.png", colour=colour),
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
    village: ProvisionedVillage | None = None,
):
    """A NewsPage under the Berita page, published by the real publish path unless `publish=False`
    (then it is a draft). Runs in the current schema (inside in_village), or in `village`'s schema
    and back to public when `village` is given."""
    if village is not None:
        with in_village(village):
            page = make_news_page(
                title,
                date=date,
                summary=summary,
                categories=categories,
                tags=tags,
                image=image,
                body=body,
                parent=parent,
                slug=slug,
                publish=publish,
            )
        connection.set_schema_to_public()
        return page
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
    from provisioning.hooks import DEMO_FILL, hooks_run

    with in_village(result):
        hooks_run(DEMO_FILL, village=village_of(result), demo=demo_village_for(demo_code))
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


def sql_rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def schema_shape(schema: str) -> dict:
    """Everything migrations decide about a schema, with the schema's own name taken out, so that
    two schemas (a clone, the template, a migrated reference) compare equal exactly when they are.

    Columns are compared by their order among the live columns: a migrated table keeps the slot
    of a dropped column (a gap in attnum) that a replayed table does not have.
    """

    def strip(value):
        return value.replace(f"{schema}.", "S.") if isinstance(value, str) else value

    def clean(rows):
        return sorted(tuple(strip(value) for value in row) for row in rows)

    return {
        "columns": clean(
            sql_rows(
                "SELECT table_name, column_name, "
                "rank() OVER (PARTITION BY table_name ORDER BY ordinal_position), data_type, "
                "character_maximum_length, numeric_precision, is_nullable, column_default, is_identity, "
                "identity_generation FROM information_schema.columns WHERE table_schema = %s",
                [schema],
            )
        ),
        "indexes": clean(
            sql_rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = %s", [schema])
        ),
        "constraints": clean(
            sql_rows(
                "SELECT cl.relname, co.conname, co.contype, pg_get_constraintdef(co.oid), co.condeferrable, "
                "co.condeferred FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid "
                "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = %s",
                [schema],
            )
        ),
        "sequences": clean(
            sql_rows(
                "SELECT sequencename, data_type, start_value, increment_by, max_value, cycle "
                "FROM pg_sequences WHERE schemaname = %s",
                [schema],
            )
        ),
        "relations": clean(
            sql_rows(
                "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relkind <> 't' AND c.relname NOT LIKE 'pg_toast%%'",
                [schema],
            )
        ),
        "migrations": sorted(sql_rows(f'SELECT app, name FROM "{schema}".django_migrations')),
    }


def sequences_continue(schema: str) -> int:
    """Assert every id sequence is past the highest id its table holds (the next insert cannot
    collide); returns how many non-empty tables were checked."""
    tables = sql_rows(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = %s AND column_name = 'id' "
        "AND is_identity = 'YES'",
        [schema],
    )
    checked = 0
    for (table,) in tables:
        ((highest, sequence),) = sql_rows(
            f'SELECT max(id), pg_get_serial_sequence(%s, %s) FROM "{schema}"."{table}"',
            [f'"{schema}"."{table}"', "id"],
        )
        if highest is None:
            continue
        ((next_id,),) = sql_rows("SELECT nextval(%s)", [sequence])
        assert next_id > highest, (table, next_id, highest)
        checked += 1
    return checked


VILLAGE_USER_PASSWORD = "Rahasia-Desa-2026"


def make_village_user(
    result: ProvisionedVillage, username: str, group: str | None, *, password: str | None = None
):
    """A user of the village's admin in one of its groups (villageweb.accounts.roles), or none."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    with in_village(result):
        user = get_user_model().objects.create_user(
            username=username, password=password or VILLAGE_USER_PASSWORD
        )
        if group is None:
            user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        else:
            user.groups.add(Group.objects.get(name=group))
    connection.set_schema_to_public()
    return user


def archive_member_append(
    archive: Path, out: Path, *, member: str, data: bytes, manifest_updated: bool = True
) -> Path:
    """A copy of an export archive whose `member` ends with `data`, its manifest checksum brought in
    line (or not): what a compromised export would write. No export record is made for it."""
    with tarfile.open(archive, "r:gz") as tar:
        members = [(m, tar.extractfile(m).read() if m.isfile() else None) for m in tar.getmembers()]
    manifest = json.loads(next(content for info, content in members if info.name == "manifest.json"))
    with tarfile.open(out, "w:gz") as tar:
        for info, content in members:
            if info.name == "manifest.json":
                continue
            if info.name == member:
                content = content + data
                if manifest_updated:
                    manifest["checksums"][member] = hashlib.sha256(content).hexdigest()
            info.size = len(content or b"")
            tar.addfile(info, io.BytesIO(content) if content is not None else None)
        body = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    return out
