"""The publishing pages every new village starts with (Berita, Pengumuman, Agenda, Transparansi APBDes).

Run by init_platform inside the template schema (VILLAGEWEB_TEMPLATE_BUILDERS); the schema clone
copies the result into each new village. Idempotent: an existing page is left as the template has it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Page

from villageweb.accounts.roles import GROUP_ADMIN, GROUP_OPERATOR
from villageweb.announcements.models import AnnouncementIndexPage, EventIndexPage
from villageweb.budget.models import BudgetIndexPage
from villageweb.news.models import NewsIndexPage
from villageweb.village.models import HomePage

PUBLICATION_PAGES = [
    (
        NewsIndexPage,
        "berita",
        "Berita",
        "Kabar kegiatan dan pembangunan desa, ditulis langsung oleh pemerintah desa.",
        "Berita kegiatan, pembangunan, dan kehidupan warga desa.",
    ),
    (
        AnnouncementIndexPage,
        "pengumuman",
        "Pengumuman",
        "Informasi penting yang perlu diketahui warga, lengkap dengan masa berlakunya.",
        "Pengumuman resmi pemerintah desa untuk warga.",
    ),
    (
        EventIndexPage,
        "agenda",
        "Agenda",
        "Jadwal kegiatan desa: musyawarah, posyandu, kerja bakti, dan acara warga lainnya.",
        "Agenda kegiatan desa yang akan datang dan yang sudah berlangsung.",
    ),
    (
        BudgetIndexPage,
        "apbdes",
        "Transparansi APBDes",
        "Anggaran Pendapatan dan Belanja Desa beserta realisasinya, terbuka untuk semua warga "
        "sesuai Undang-Undang Nomor 6 Tahun 2014 tentang Desa.",
        "Rencana dan realisasi APBDes per tahun anggaran: pendapatan, belanja per bidang, pembiayaan.",
    ),
]

# Village officials keep their own list of news categories.
CATEGORY_EDITOR_GROUPS = [GROUP_ADMIN, GROUP_OPERATOR]


def _page_ensure(home: Page, model, slug: str, title: str, intro: str, description: str) -> None:
    """Create the page once; it is in the site's main menu, like every top-level section."""
    if model.objects.exists() or home.get_children().filter(slug=slug).exists():
        model.objects.filter(show_in_menus=False).update(show_in_menus=True)
        return
    page = home.add_child(
        instance=model(
            title=title,
            slug=slug,
            intro=intro,
            search_description=description,
            live=False,
            show_in_menus=True,
        )
    )
    page.save_revision().publish()


@transaction.atomic
def publications_template_build() -> None:
    home = HomePage.objects.get()
    for model, slug, title, intro, description in PUBLICATION_PAGES:
        _page_ensure(home, model, slug, title, intro, description)
    permissions = Permission.objects.filter(
        content_type__app_label="news",
        codename__in=["add_newscategory", "change_newscategory", "delete_newscategory"],
    )
    for group in Group.objects.filter(name__in=CATEGORY_EDITOR_GROUPS):
        group.permissions.add(*permissions)
