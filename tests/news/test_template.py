"""Every new village starts with Berita, Pengumuman, Agenda and Transparansi APBDes under its home page."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from provisioning.demo import DEMO_VILLAGES
from provisioning.hooks import DEMO_FILL, hooks_run
from villageweb.announcements.models import AnnouncementPage
from villageweb.announcements.template import announcements_template_build
from villageweb.budget.template import budget_template_build
from villageweb.news.models import NewsPage
from villageweb.news.template import news_template_build
from villageweb.village.models import HomePage

from ..factories import in_village, village_of

pytestmark = pytest.mark.django_db

PAGES = {
    "/berita/": "Berita",
    "/pengumuman/": "Pengumuman",
    "/agenda/": "Agenda",
    "/apbdes/": "Transparansi APBDes",
}


def test_new_village_gets_the_publication_pages_with_intros(village_factory, client_for):
    village = village_factory("Jlodro")
    client = client_for(village.domain)
    for path, title in PAGES.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert f"<h1>{title}</h1>" in response.text
        assert 'class="intro"' in response.text


def test_builders_are_idempotent_and_lets_officials_edit_categories(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        before = sorted(HomePage.objects.get().get_children().values_list("slug", flat=True))
        for _ in range(2):
            news_template_build()
            announcements_template_build()
            budget_template_build()
        after = sorted(HomePage.objects.get().get_children().values_list("slug", flat=True))
        assert after == before and {"berita", "pengumuman", "agenda", "apbdes"} <= set(after)
        assert Group.objects.get(name="Operator").permissions.filter(codename="add_newscategory").exists()
        assert (
            not Group.objects.get(name="Kontributor").permissions.filter(codename="add_newscategory").exists()
        )


@pytest.mark.parametrize("kind", ["desa", "kelurahan"])
def test_demo_fillers_give_a_living_site(village_factory, client_for, kind):
    demo = next(demo for demo in DEMO_VILLAGES if demo.kind == kind)
    village = village_factory(demo.name, code=demo.code, district_name=demo.district_name, kind=kind)
    with in_village(village):
        hooks_run(DEMO_FILL, village=village_of(village), demo=demo)
        pages_after_first_fill = Page.objects.count()
        hooks_run(DEMO_FILL, village=village_of(village), demo=demo)
        assert Page.objects.count() == pages_after_first_fill
        assert NewsPage.objects.live().count() >= 5
        assert all(page.main_image.description for page in NewsPage.objects.exclude(main_image=None))
        expired = [page for page in AnnouncementPage.objects.all() if page.is_expired]
        assert len(expired) == 1
    client = client_for(village.domain)
    home = client.get("/")
    assert home.status_code == 200
    for section in ("Berita terbaru", "Pengumuman", "Agenda mendatang"):
        assert section in home.text
    # A kelurahan has no APBDes of its own (its budget is in the regency's APBD).
    assert ('id="beranda-apbdes"' in home.text) == (kind == "desa")
    assert expired[0].title not in home.text
    for path in PAGES:
        assert client.get(path).status_code == 200
