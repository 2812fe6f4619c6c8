"""The portal's index follows each village's news the moment it changes, in the same transaction."""

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from provisioning.federation.models import FederatedNewsItem
from provisioning.federation.queries import news_items, news_page
from tenants.models import Domain, Village
from villageweb.news.models import NewsPage

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
