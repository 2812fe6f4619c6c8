"""A village admin walks every admin screen they use and meets no English.

Page types are discovered from the page tree, so types other apps add later are walked too.
"""

import json
import re
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup, Comment
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.text import capfirst
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Workflow
from wagtail.snippets.models import get_snippet_models

from ..factories import in_village, login_as

pytestmark = pytest.mark.django_db

# English an official would otherwise meet in Wagtail's admin. Whole words, case-sensitive, so that
# Indonesian words that contain them ("Editor" is not listed, "Status" is Indonesian too) pass.
ENGLISH_UI_WORDS = [
    "Save draft",
    "Publish",
    "Unpublish",
    "Delete",
    "Edit",
    "Add child page",
    "Add",
    "Pages",
    "Images",
    "Documents",
    "Settings",
    "Users",
    "Groups",
    "Search",
    "Dashboard",
    "Live",
    "Draft",
    "Preview",
    "History",
    "Revisions",
    "Choose",
    "Upload",
    "Cancel",
    "Actions",
    "More",
    "Sort",
    "Filter",
    "Created",
    "Updated",
    "Owner",
    "Title",
    "Yes",
    "No",
    "Save",
    "Close",
    "Back",
    "Next",
    "Previous",
    "Help",
    "Reports",
    "Workflow",
    "Workflows",
    "Tasks",
    "Snippets",
    "Forms",
    "Submissions",
    "Collections",
    "Redirects",
    "Account",
    "Profile",
    "Password",
    "Log out",
    "Sign in",
    "Comments",
    "Lock",
    "Unlock",
    "Copy",
    "Move",
    "Privacy",
    "Public",
    "Private",
    "Type",
    "Name",
    "Username",
    "Tags",
    "Select",
    "Insert",
    "Show",
    "Loading",
    "Schedule",
    "Required",
    "This field is required",
    "View",
    "Explore",
    "Page",
    "Image",
    "Document",
    "User",
    "Group",
    "Active",
    "Locked",
    "Clear",
    "Apply",
    "Reset",
    "Change",
    "Enter",
    "Your",
    "You",
    "There are",
    "No results",
    "Can",
    "the",
    "and",
    "of",
    "by",
    "ago",
]
ENGLISH = re.compile(
    r"(?<![\w/.-])(" + "|".join(re.escape(w) for w in ENGLISH_UI_WORDS) + r")(?![\w/-])(?!\.\s?\d)"
)
CHECKED_ATTRIBUTES = (
    "title",
    "aria-label",
    "placeholder",
    "alt",
    "aria-description",
    "data-w-tooltip-content",
)
# Keys of the JSON Wagtail hands its client-side widgets (StreamField blocks, choosers) that are shown.
SHOWN_JSON_KEYS = {"label", "helpText", "help_text", "placeholder", "title", "description"}


def shown_texts(html: str) -> Iterator[str]:
    """What the editor reads: text nodes, tooltip and accessibility attributes, widget labels."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for name in CHECKED_ATTRIBUTES:
            if isinstance(tag.get(name), str):
                yield tag[name]
        for name, value in tag.attrs.items():
            if name.startswith("data-") and name.endswith("-value") and isinstance(value, str):
                yield from _json_texts(value)
    for tag in soup.find_all("script"):
        if tag.get("type") in ("application/json", "text/template"):
            yield from _json_texts(tag.string or "")
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    for text in soup.find_all(string=True):
        if text.strip() and not isinstance(text, Comment):
            yield text.strip()


def _json_texts(raw: str) -> Iterator[str]:
    try:
        data = json.loads(raw)
    except ValueError:
        return
    yield from _walk_json(data, shown=False)


def _walk_json(data, *, shown: bool) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk_json(value, shown=shown or key in SHOWN_JSON_KEYS or key == "strings")
    elif isinstance(data, list):
        for value in data:
            yield from _walk_json(value, shown=shown)
    elif isinstance(data, str) and shown:
        if "<" in data:
            yield from shown_texts(data)
        else:
            yield data


def english_found(html: str) -> list[str]:
    return sorted({text[:160] for text in shown_texts(html) if ENGLISH.search(text)})


class Walk:
    """A logged-in admin client that records every screen with English on it."""

    def __init__(self, client):
        self.client = client
        self.problems: dict[str, list[str]] = {}
        self.visited: list[str] = []

    def screen(
        self, url: str, *, expect: str | tuple[str, ...], method: str = "get", data=None, follow: bool = False
    ):
        """Open a screen, which must answer 200 (so that it is really read), show no English and show
        the Indonesian text `expect` (Wagtail's own words, so that an English screen fails, and
        specific to the screen, so that it is the screen meant) inside one shown text."""
        response = getattr(self.client, method)(url, data or {}, follow=follow)
        self.visited.append(url)
        if response.status_code != 200:
            self.problems[url] = [f"HTTP {response.status_code} {response.get('Location', '')}".strip()]
            return response
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and "json" in content_type:
            html = "\n".join(_json_html(response.json()))
        else:
            html = response.content.decode()
        found = english_found(html)
        texts = [" ".join(text.split()) for text in shown_texts(html)]
        for wanted in (expect,) if isinstance(expect, str) else expect:
            if not any(wanted in text for text in texts):
                found.append(f"tidak ada teks yang diharapkan: {wanted!r}")
        if found:
            self.problems[url] = found
        return response


def titled(heading: str) -> str:
    """The browser tab title Wagtail gives a full admin screen ("Dasbor - Desa Jlodro": the brand is the
    village's or the portal's name): specific to the screen, unlike the menu's words."""
    return f"{heading} - "


def _json_html(data) -> Iterator[str]:
    """Modal views answer JSON whose "html" holds the dialog."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "html" and isinstance(value, str):
                yield value
            else:
                yield from _json_html(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_html(value)


def _try_create_parent(model, parent: Page, number: int) -> Page | None:
    """An instance of a page type no page of which exists yet, so its children's forms can be opened.

    Types with required fields beyond the title cannot be made blindly; they are skipped.
    """
    try:
        with transaction.atomic():
            page = parent.add_child(instance=model(title=f"Uji {number}", slug=f"uji-{number}"))
    except Exception:  # noqa: BLE001 - any validation or database error means: cannot be made blindly
        return None
    return page


def page_types_walk(home: Page, add_form_visit) -> dict[type, Page]:
    """Open the add form of every page type creatable anywhere below home; return a page per type to edit.

    A type with no page yet whose own children have forms to open is created bare (after its add
    form was seen, since a max_count may close the form) so that the walk can go one level deeper.
    """
    to_edit: dict[type, Page] = {}
    seen_models: set[type] = set()
    queue = [home]
    number = 0
    while queue:
        page = queue.pop(0).specific
        to_edit.setdefault(type(page), page)
        queue.extend(child for child in page.get_children() if type(child.specific) not in to_edit)
        for model in page.specific_class.creatable_subpage_models():
            if model in seen_models or not model.can_create_at(page):
                continue
            seen_models.add(model)
            add_form_visit(model, page)
            if not model.objects.exists() and model.allowed_subpage_models():
                number += 1
                child = _try_create_parent(model, page, number)
                if child is not None:
                    queue.append(child)
    assert seen_models, "no page type can be created under the home page"
    return to_edit


@pytest.fixture
def admin_walk(village_factory, client_for):
    village = village_factory("Jlodro")
    return village, Walk(login_as(client_for(village.domain), village, username=village.admin_username))


def test_every_admin_screen_a_village_admin_uses_is_in_indonesian(admin_walk):
    village, walk = admin_walk

    def add_form_visit(model, parent):
        meta = model._meta
        walk.screen(
            reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk]),
            expect=f"Baru: {capfirst(meta.verbose_name)}",
        )

    with in_village(village):
        home = Page.objects.get(depth=2).specific
        to_edit = page_types_walk(home, add_form_visit)
        image = Image.objects.create(title="Balai desa", file=get_test_image_file(filename="balai.png"))
        document = Document.objects.create(
            title="Perdes 1/2026", file=get_test_image_file(filename="perdes.png")
        )
        user = get_user_model().objects.get(username=village.admin_username)
        group = user.groups.first()
        form_pages = [p for p in Page.objects.specific() if isinstance(p, FormMixin)]
        # Portal (public-schema) snippets are Diskominfo's, not a village's.
        snippet_models = [
            model
            for model in get_snippet_models()
            if model._meta.app_config.name in django_settings.TENANT_APPS
        ]
        # Settings of public-schema-only apps (the regency's) are the portal's, not a village's.
        settings_models = [
            model for model in settings_registry if model._meta.app_config.name in django_settings.TENANT_APPS
        ]

    walk.screen("/admin/", expect=titled("Dasbor"))
    walk.screen(reverse("wagtailadmin_explore_root"), follow=True, expect=f"Menjelajah: {home.title}")
    walk.screen(reverse("wagtailadmin_explore", args=[home.pk]), expect=f"Menjelajah: {home.title}")
    walk.screen(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]), follow=True, expect="Baru: ")
    for page in to_edit.values():
        walk.screen(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            expect=f"Mengubah {capfirst(page._meta.verbose_name)}: {page.title}",
        )
        walk.screen(reverse("wagtailadmin_pages:history", args=[page.pk]), expect=f"Riwayat: {page.title}")
        walk.screen(
            reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
            expect=f"Riwayat alur persetujuan: {page.title}",
        )
        if page.live and page.revisions.exists():
            walk.screen(
                reverse(
                    "wagtailadmin_pages:revisions_compare",
                    kwargs={"pk": page.pk, "revision_id_a": "earliest", "revision_id_b": "live"},
                ),
                expect=f"Bandingkan: {page.title}",
            )
    walk.screen(reverse("wagtailadmin_pages:delete", args=[home.pk]), expect=f"Hapus {home.title}")
    walk.screen(
        reverse("wagtailadmin_pages:unpublish", args=[home.pk]), expect=f"Batalkan terbit: {home.title}"
    )
    walk.screen(reverse("wagtailadmin_pages:copy", args=[home.pk]), expect=f"Salin {home.title}")
    walk.screen(reverse("wagtailadmin_pages:move", args=[home.pk]), expect=f"Pindahkan {home.title}")
    walk.screen(
        reverse("wagtailadmin_pages:set_privacy", args=[home.pk]),
        expect="Pribadi, dapat dibuka dengan kata sandi bersama",
    )
    walk.screen(reverse("wagtailadmin_pages:usage", args=[home.pk]), expect=f"Pemakaian: {home.title}")
    walk.screen(
        reverse("wagtailadmin_pages:search") + "?q=beranda",
        expect="Maaf, tidak ada halaman yang cocok dengan",
    )
    walk.screen(reverse("wagtailadmin_choose_page"), expect="Pilih halaman")

    walk.screen(reverse("wagtailimages:index"), expect=titled("Gambar"))
    walk.screen(reverse("wagtailimages:add_multiple"), expect=titled("Tambah beberapa gambar"))
    walk.screen(reverse("wagtailimages:edit", args=[image.pk]), expect=f"Mengubah: {image.title}")
    walk.screen(reverse("wagtailimages_chooser:choose"), expect="Gambar terbaru")
    walk.screen(reverse("wagtaildocs:index"), expect=titled("Dokumen"))
    walk.screen(reverse("wagtaildocs:add_multiple"), expect=titled("Tambah beberapa dokumen"))
    walk.screen(reverse("wagtaildocs:edit", args=[document.pk]), expect=f"Mengubah: {document.title}")
    walk.screen(reverse("wagtaildocs_chooser:choose"), expect="Dokumen terbaru")
    walk.screen(reverse("wagtailforms:index"), expect=titled("Formulir"))
    for page in form_pages:
        walk.screen(
            reverse("wagtailforms:list_submissions", args=[page.pk]), expect=f"Isi formulir: {page.title}"
        )
    walk.screen(reverse("wagtailsnippets:index"), expect=titled("Cuplikan"))
    for model in snippet_models:
        # The heading is the model's own (Indonesian) name; the bulk actions are Wagtail's words.
        walk.screen(
            reverse(model.snippet_viewset.get_url_name("list")),
            expect=(titled(capfirst(model._meta.verbose_name_plural)), "Tindakan massal"),
        )
    for model in settings_models:
        walk.screen(
            reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name]),
            follow=True,
            expect=f"Mengubah: {capfirst(model._meta.verbose_name)}",
        )
    walk.screen(reverse("wagtailusers_users:index"), expect=titled("Pengguna"))
    walk.screen(reverse("wagtailusers_users:add"), expect="Tambah pengguna")
    walk.screen(
        reverse("wagtailusers_users:edit", args=[user.pk]), expect=f"Mengubah: {user.get_full_name()}"
    )
    walk.screen(reverse("wagtailusers_groups:index"), expect=titled("Grup"))
    walk.screen(reverse("wagtailusers_groups:edit", args=[group.pk]), expect=f"Mengubah: {group.name}")
    walk.screen(reverse("wagtailadmin_account"), expect="Nama dan Email")
    # Workflows and collections are set up by Diskominfo as superuser (walked in the test below).
    for report, heading in (
        ("locked_pages", "Halaman terkunci"),
        ("workflow", "Alur persetujuan"),
        ("workflow_tasks", "Tahap alur persetujuan"),
        ("site_history", "Riwayat situs"),
        ("aging_pages", "Halaman lama"),
        ("page_types_usage", "Pemakaian jenis halaman"),
    ):
        walk.screen(reverse(f"wagtailadmin_reports:{report}"), expect=titled(heading))
    walk.screen(reverse("wagtailredirects:index"), expect=titled("Pengalihan"))

    # Messages and validation errors.
    walk.screen(
        reverse("wagtailadmin_pages:lock", args=[home.pk]),
        method="post",
        follow=True,
        expect="Dikunci oleh Anda",
    )
    walk.screen(
        reverse("wagtailadmin_pages:unlock", args=[home.pk]),
        method="post",
        follow=True,
        expect=f"Halaman '{home.title}' sekarang tidak dikunci.",
    )
    walk.screen(
        reverse("wagtailusers_users:add"),
        method="post",
        data={"username": ""},
        expect=("Pengguna tidak dapat dibuat karena ada kesalahan.", "Kolom ini harus diisi."),
    )
    # The userbar on the live site.
    walk.screen("/", expect="Ke halaman admin")

    # Moderation: the home page waits in the village's approval workflow.
    with in_village(village):
        home.save_revision(user=user)
        Workflow.objects.filter(active=True).first().start(home, user)
    walk.screen("/admin/", expect="Menunggu tinjauan Anda")
    walk.screen(reverse("wagtailadmin_pages:edit", args=[home.pk]), expect="Dikirim ke ")
    walk.screen(
        reverse("wagtailadmin_pages:workflow_history", args=[home.pk]),
        expect=f"Riwayat alur persetujuan: {home.title}",
    )
    walk.screen(reverse("wagtailadmin_reports:workflow"), expect=titled("Alur persetujuan"))

    assert len(walk.visited) > 40
    assert not walk.problems, json.dumps(walk.problems, indent=1, ensure_ascii=False)


def test_login_and_password_reset_screens_are_in_indonesian(village_factory, client_for):
    village = village_factory("Jlodro")
    walk = Walk(client_for(village.domain))
    walk.screen("/admin/login/", expect="Masuk ke admin situs")
    walk.screen(
        "/admin/login/",
        method="post",
        data={"username": "admin", "password": "salah"},
        expect="kata sandi Anda tidak cocok",
    )
    # Village accounts have no e-mail: the page sends the official to Diskominfo (issue 27 item 3).
    walk.screen(reverse("wagtailadmin_password_reset"), expect="Akun admin situs desa tidak memakai surel")
    # The portal's staff do have e-mail: Wagtail's own reset form, in Indonesian.
    portal = Walk(client_for("localhost"))
    portal.screen(
        reverse("wagtailadmin_password_reset"),
        expect="Masukkan alamat email Anda untuk mengatur ulang kata sandi",
    )
    portal.screen(
        reverse("wagtailadmin_password_reset"),
        method="post",
        data={"email": "bukan-email"},
        expect="Masukkan alamat email yang valid.",
    )
    problems = {**walk.problems, **portal.problems}
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


def test_admin_javascript_catalogue_carries_our_translations(village_factory, client_for):
    village = village_factory("Jlodro")
    client = client_for(village.domain)
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    text = response.content.decode("unicode_escape")
    assert "Tulis sesuatu atau ketik" in text
    assert "Sisipkan blok" in text


def test_english_word_finder_sees_tooltips_and_block_labels_but_not_scripts():
    html = (
        '<button title="Save draft">Simpan draf</button><script>var x = "Publish";</script>'
        '<div data-w-block-data-value=\'{"label": "Delete", "name": "Publish"}\'></div>'
        "<p>Status: Tayang. No. 12/2026</p>"
    )
    assert english_found(html) == ["Delete", "Save draft"]


def test_screens_only_a_superuser_opens_are_in_indonesian_too(village_factory, client_for):
    """Workflows, tasks, collections, redirects and sites: Diskominfo staff set these up in a village."""
    village = village_factory("Jlodro")
    with in_village(village):
        get_user_model().objects.create_superuser("diskominfo", "diskominfo@example.org", "rahasia-123")
        workflow = Workflow.objects.filter(active=True).first()
        task = workflow.tasks.first()
    walk = Walk(login_as(client_for(village.domain), village, username="diskominfo", password="rahasia-123"))
    walk.screen(reverse("wagtailadmin_workflows:index"), expect=titled("Alur persetujuan"))
    walk.screen(reverse("wagtailadmin_workflows:add"), expect="Beri nama alur persetujuan Anda")
    walk.screen(
        reverse("wagtailadmin_workflows:edit", args=[workflow.pk]),
        expect=f"Mengubah alur persetujuan: {workflow.name}",
    )
    walk.screen(
        reverse("wagtailadmin_workflows:usage", args=[workflow.pk]), expect=f"Pemakaian: {workflow.name}"
    )
    walk.screen(
        reverse("wagtailadmin_workflows:disable", args=[workflow.pk]),
        expect=f"Nonaktifkan alur persetujuan: {workflow.name}",
    )
    walk.screen(reverse("wagtailadmin_workflows:task_index"), expect=titled("Tahap alur persetujuan"))
    walk.screen(
        reverse("wagtailadmin_workflows:select_task_type"),
        follow=True,
        expect="Tahap alur persetujuan baru: ",
    )
    walk.screen(
        reverse("wagtailadmin_workflows:edit_task", args=[task.pk]),
        expect=f"Mengubah {capfirst(task.specific._meta.verbose_name)}: {task.name}",
    )
    walk.screen(
        reverse("wagtailadmin_workflows:disable_task", args=[task.pk]),
        expect=f"Nonaktifkan tahap: {task.name}",
    )
    walk.screen(reverse("wagtailadmin_collections:index"), expect=titled("Koleksi-koleksi"))
    walk.screen(reverse("wagtailadmin_collections:add"), expect="Tambah koleksi")
    walk.screen(reverse("wagtailredirects:index"), expect=titled("Pengalihan"))
    walk.screen(reverse("wagtailredirects:add"), expect="Baru: Pengalihan")
    walk.screen(reverse("wagtailsites:index"), expect=titled("Situs"))
    walk.screen(reverse("wagtailsnippets:index"), expect=titled("Cuplikan"))
    walk.screen(reverse("wagtailusers_groups:add"), expect="Izin objek")
    walk.screen(reverse("wagtailadmin_reports:workflow_tasks"), expect=titled("Tahap alur persetujuan"))
    assert not walk.problems, json.dumps(walk.problems, indent=1, ensure_ascii=False)


def test_a_screen_without_its_expected_indonesian_text_is_a_problem():
    """The walk's `expect` check itself: an English screen, or the wrong screen, is reported."""
    from django.http import HttpResponse

    class Answering:
        def __init__(self, html):
            self.html = html

        def get(self, url, data, follow=False):
            return HttpResponse(self.html)

    english = Walk(Answering("<title>Images - Wagtail</title><h1>Images</h1>"))
    english.screen("/admin/images/", expect=titled("Gambar"))
    assert "Images" in english.problems["/admin/images/"]
    assert "tidak ada teks yang diharapkan: 'Gambar - '" in english.problems["/admin/images/"]
    other_screen = Walk(Answering("<title>Dokumen - Wagtail</title><nav>Gambar</nav>"))
    other_screen.screen("/admin/images/", expect=titled("Gambar"))
    assert other_screen.problems == {"/admin/images/": ["tidak ada teks yang diharapkan: 'Gambar - '"]}
    indonesian = Walk(Answering("<title>Gambar - Wagtail</title>"))
    indonesian.screen("/admin/images/", expect=titled("Gambar"))
    assert indonesian.problems == {}
