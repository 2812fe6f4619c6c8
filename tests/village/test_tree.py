"""Provisioning gives every village the standard page tree, with guidance and Indonesian slugs."""

import pytest
from django_tenants.utils import schema_context
from wagtail.models import Page

from provisioning.services import platform_init
from villageweb.announcements.models import AnnouncementIndexPage, EventIndexPage
from villageweb.budget.models import BudgetIndexPage
from villageweb.news.models import NewsIndexPage
from villageweb.village.models import ContactPage, HomePage
from villageweb.village.tree import village_tree_build

from ..factories import in_village

pytestmark = pytest.mark.django_db

PUBLICATION_TYPES = (NewsIndexPage, AnnouncementIndexPage, EventIndexPage, BudgetIndexPage)

EXPECTED_PATHS = [
    "profil",
    "profil/sejarah",
    "profil/visi-misi",
    "profil/geografis",
    "pemerintahan",
    "pemerintahan/perangkat-desa",
    "pemerintahan/bpd",
    "pemerintahan/lembaga",
    "produk-hukum",
    "informasi-publik",
    "potensi",
    "potensi/umkm",
    "galeri",
    "layanan",
    "kontak",
    # The publications (villageweb.news's builder) are part of the same tree.
    "berita",
    "pengumuman",
    "agenda",
    "apbdes",
]


def _tree(home):
    return sorted(
        page.url_path.removeprefix(home.url_path).strip("/") for page in home.get_descendants().live()
    )


def test_new_village_gets_the_whole_tree_published_with_guidance(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        home = HomePage.objects.get()
        assert _tree(home) == sorted(EXPECTED_PATHS)
        # The publications carry their guidance as an editor panel (tests/news/test_template.py).
        for page in home.get_descendants().not_type(PUBLICATION_TYPES).specific():
            assert page.guidance.strip(), f"{page.slug} has no guidance"
            assert "lorem" not in page.guidance.lower()
        top = home.get_children().live()
        assert all(page.show_in_menus for page in top)
        # The contact page's form is the platform's case form, not form-builder fields.
        assert not ContactPage.objects.get().form_fields.exists()


def test_building_the_tree_again_creates_nothing_new(village_factory):
    village = village_factory("Jlodro")
    with schema_context("village_template"):
        before = Page.objects.count()
        platform_init(migrate=False)
        village_tree_build()
        assert Page.objects.count() == before
    with in_village(village):
        assert len(_tree(HomePage.objects.get())) == len(EXPECTED_PATHS)


def test_kelurahan_pages_say_kelurahan(village_factory, client_for):
    village = village_factory("Kutorejo", kind="kelurahan", district_name="Tuban")
    with in_village(village):
        titles = set(HomePage.objects.get().get_descendants().values_list("title", flat=True))
    assert {"Profil Kelurahan", "Perangkat Kelurahan", "Potensi Kelurahan"} <= titles
    assert "Profil Desa" not in titles
    home = client_for(village.domain).get("/").text
    assert "Sambutan Lurah" in home and "Profil Kelurahan" in home
