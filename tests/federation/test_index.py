"""The portal's index follows each village's news the moment it changes, in the same transaction."""

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from tenants.models import Domain, Village
from villageweb.news.models import NewsPage
from villageweb.portal.federation.models import FederatedNewsItem
from villageweb.portal.federation.queries import news_items, news_page

from ..factories import in_village, make_news_page, village_of

pytestmark = pytest.mark.django_db


def portal_titles(**filters):
    connection.set_schema_to_public()
    return [item.title for item in news_page(news_items(**filters), size=100).items]


def test_published_news_is_listed_with_absolute_links_on_the_village_domain(village_factory):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        page = make_news_page("Panen raya jagung", summary="<b>Petani</b> panen jagung.")
    listing = news_page(news_items())
    item = listing.items[0]
    assert item.title == "Panen raya jagung"
    assert item.summary == "Petani panen jagung."
    assert item.url == f"http://{jlodro.domain}/berita/panen-raya-jagung/"
    assert item.source_page_id == page.pk
    assert item.village.code == jlodro.code


def test_unpublish_and_delete_take_news_off_the_portal(village_factory):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        first = make_news_page("Kerja bakti")
        second = make_news_page("Posyandu balita")
    assert sorted(portal_titles()) == ["Kerja bakti", "Posyandu balita"]
    with in_village(jlodro):
        first.unpublish()
    assert portal_titles() == ["Posyandu balita"]
    with in_village(jlodro):
        NewsPage.objects.get(pk=second.pk).delete()
    assert portal_titles() == []
    assert not FederatedNewsItem.objects.exists()


def test_edit_and_republish_updates_the_snapshot(village_factory):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        page = make_news_page("Rapat desa")
        page.title = "Musyawarah desa"
        page.slug = "musyawarah-desa"
        page.save_revision().publish()
    item = FederatedNewsItem.objects.get()
    assert item.title == "Musyawarah desa"
    assert item.path == "/berita/musyawarah-desa/"


def test_news_under_a_private_page_leaves_the_portal_and_returns_when_public(village_factory):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        page = make_news_page("Rapat internal")
        restriction = PageViewRestriction.objects.create(
            page=page.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
        )
    assert portal_titles() == []
    with in_village(jlodro):
        restriction.delete()
    assert portal_titles() == ["Rapat internal"]


def test_news_moved_under_a_private_section_leaves_the_portal(village_factory):
    from wagtail.models import Page

    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        page = make_news_page("Rapat perangkat")
        index = page.get_parent()
        home = index.get_parent()
        section = home.add_child(instance=Page(title="Internal", slug="internal"))
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
        )
        index.specific.move(section, pos="last-child")
    assert portal_titles() == []


def test_suspended_or_archived_village_leaves_the_portal_and_returns_on_resume(village_factory):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    with in_village(jlodro):
        make_news_page("Berita Jlodro")
    with in_village(wangi):
        make_news_page("Berita Wangi")
    for status in (Village.Status.SUSPENDED, Village.Status.ARCHIVED):
        Village.objects.filter(code=jlodro.code).update(status=status)
        assert portal_titles() == ["Berita Wangi"]
    Village.objects.filter(code=jlodro.code).update(status=Village.Status.ACTIVE)
    assert sorted(portal_titles()) == ["Berita Jlodro", "Berita Wangi"]


def test_links_follow_a_new_primary_domain(village_factory):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Kerja bakti")
    village = village_of(jlodro)
    Domain.objects.filter(tenant=village).update(is_primary=False)
    Domain.objects.create(tenant=village, domain="jlodro-kenduruan.localhost", is_primary=True)
    item = news_page(news_items()).items[0]
    assert item.url == "http://jlodro-kenduruan.localhost/berita/kerja-bakti/"


def test_hidden_item_stays_hidden_after_the_village_edits_and_republishes(village_factory):
    from villageweb.portal.federation.services import news_item_moderate

    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        page = make_news_page("Berita hoaks")
    news_item_moderate(
        item=FederatedNewsItem.objects.get(), hidden=True, hidden_reason="Belum terverifikasi", pinned=False
    )
    with in_village(jlodro):
        page.title = "Berita hoaks (diperbaiki)"
        page.save_revision().publish()
    item = FederatedNewsItem.objects.get()
    assert item.title == "Berita hoaks (diperbaiki)"
    assert item.hidden and item.hidden_reason == "Belum terverifikasi"
    assert portal_titles() == []


def test_rich_text_and_image_ids_of_a_village_never_resolve_against_the_portal(village_factory):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Page

    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        village_image = Image.objects.create(title="Foto desa", file=get_test_image_file(filename="desa.png"))
    connection.set_schema_to_public()
    Image.objects.create(
        id=village_image.id, title="Rahasiaportal", file=get_test_image_file(filename="portal.png")
    )
    portal_page = Page.objects.filter(depth=2).first()
    with in_village(jlodro):
        make_news_page(
            "Gotong royong",
            image=village_image,
            body=[
                ("paragraph", f'<p>Baca <a linktype="page" id="{portal_page.id}">tautan</a> ini.</p>'),
                ("image", {"image": village_image, "alt_text": "Warga", "decorative": False}),
            ],
        )
    item = news_page(news_items()).items[0]
    assert item.thumbnail_url.startswith(f"http://{jlodro.domain}/media/{jlodro.schema}/images/")
    assert item.thumbnail_url.endswith(".webp")
    assert news_page(news_items(query="Rahasiaportal")).items == []
    assert news_page(news_items(query=portal_page.title)).items == []
    assert news_page(news_items(query="tautan")).items[0].title == "Gotong royong"


def test_category_names_of_the_village_travel_with_the_snapshot(village_factory):
    from villageweb.news.models import NewsCategory

    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        pembangunan = NewsCategory.objects.create(name="Pembangunan")
        pertanian = NewsCategory.objects.create(name="Pertanian")
        make_news_page("Embung baru", categories=[pertanian, pembangunan])
    item = news_page(news_items()).items[0]
    assert item.categories == ["Pembangunan", "Pertanian"]
