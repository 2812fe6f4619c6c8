"""The village's home page: built once in the template, personalised for each new village.

`home_template_prepare` runs in the template schema (hook villageweb_template_build);
`village_home_personalise` in each new village right after cloning (hook villageweb_village_setup).
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from wagtail.models import Page, PageLogEntry, Revision, Site
from wagtail.search import index as search_index

from tenants.models import Village
from villageweb.village.models import HomePage


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        for child in root.get_children():
            child.delete()
        home = root.add_child(
            instance=HomePage(
                title="Beranda",
                slug="beranda",
                greeting="<p>Tulis sambutan kepala desa di sini.</p>",
            )
        )
        home.save_revision().publish()
    return home


@transaction.atomic
def home_template_prepare() -> None:
    """Idempotently give the template (the current schema) its home page as the root of its only site."""
    home = _home_page()
    Site.objects.exclude(root_page=home).delete()


def village_home_personalise(*, village: Village) -> None:
    """Give the cloned home page the village's own name and a first greeting.

    The template's home page arrives published with one revision, so it is rewritten in place (page
    row, that revision, its log entries, its search entry, all dated now) instead of republished:
    a Wagtail publish costs some 80 queries per village, this about 12, and the admin and the site
    show the same result. A home page without a revision is published the ordinary way.
    """
    home = HomePage.objects.get()
    home.title = village.display_name
    # Names come from operators and the code list: escaped, since the greeting is HTML.
    home.greeting = format_html(
        "<p>Selamat datang di situs resmi Pemerintah {}, Kecamatan {}, {}. Di sini warga dapat membaca "
        "berita desa, profil dan perangkat desa, transparansi APBDes, produk hukum, serta "
        "menyampaikan pengaduan dan pertanyaan.</p>",
        village.display_name,
        village.district_name,
        settings.VILLAGEWEB_REGENCY_NAME,
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
