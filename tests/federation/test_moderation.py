"""Diskominfo hides and pins items in the portal admin; the village reads why, in its own admin only."""

import pytest
from django.contrib.auth import get_user_model

from villageweb.portal.federation.models import FederatedNewsItem
from villageweb.portal.federation.queries import news_items, news_page

from ..factories import in_village, login_as, make_news_page

pytestmark = pytest.mark.django_db

EDIT_URL = "/admin/snippets/federation/federatednewsitem/edit/{}/"
LIST_URL = "/admin/snippets/federation/federatednewsitem/"


@pytest.fixture
def diskominfo(platform, client_for):
    user = get_user_model().objects.create_superuser("diskominfo", password="rahasia-sekali")
    client = client_for("localhost")
    client.force_login(user)
    return client


def village_admin_client(village, client_for):
    return login_as(client_for(village.domain), village)


def test_diskominfo_hides_an_item_with_a_reason_and_the_village_sees_why(
    village_factory, diskominfo, client_for
):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Berita belum terverifikasi")
        make_news_page("Berita biasa")
    item = FederatedNewsItem.objects.get(title="Berita belum terverifikasi")

    response = diskominfo.post(EDIT_URL.format(item.pk), {"hidden": "on", "hidden_reason": ""})
    assert response.status_code == 200
    assert "Tuliskan alasan" in response.text
    response = diskominfo.post(
        EDIT_URL.format(item.pk), {"hidden": "on", "hidden_reason": "Sumber belum jelas, mohon dilengkapi."}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.hidden and item.hidden_at is not None
    assert [i.title for i in news_page(news_items()).items] == ["Berita biasa"]

    dashboard = village_admin_client(jlodro, client_for).get("/admin/")
    assert dashboard.status_code == 200
    assert "Berita yang disembunyikan dari portal kabupaten" in dashboard.text
    assert "Sumber belum jelas, mohon dilengkapi." in dashboard.text


def test_village_dashboard_never_shows_another_villages_hidden_items(village_factory, client_for):
    from villageweb.portal.federation.services import news_item_moderate

    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    with in_village(wangi):
        make_news_page("Kabar Wangi")
    news_item_moderate(
        item=FederatedNewsItem.objects.get(), hidden=True, hidden_reason="Alasan Wangi", pinned=False
    )
    dashboard = village_admin_client(jlodro, client_for).get("/admin/")
    assert dashboard.status_code == 200
    assert "Alasan Wangi" not in dashboard.text and "Kabar Wangi" not in dashboard.text


def test_pinned_item_comes_first_on_the_portal(village_factory, diskominfo):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Lama tapi penting", date="2026-01-01")
        make_news_page("Baru", date="2026-11-01")
    item = FederatedNewsItem.objects.get(title="Lama tapi penting")
    assert diskominfo.post(EDIT_URL.format(item.pk), {"pinned": "on", "hidden_reason": ""}).status_code == 302
    assert [i.title for i in news_page(news_items()).items] == ["Lama tapi penting", "Baru"]


def test_moderation_screens_are_closed_on_village_hosts(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Kabar")
        get_user_model().objects.filter(username="admin").update(is_superuser=True)
    item = FederatedNewsItem.objects.get()
    client = village_admin_client(jlodro, client_for)
    dashboard = client.get("/admin/")
    assert "Moderasi berita desa" not in dashboard.text and "Pengumuman Kabupaten" not in dashboard.text
    for url in (LIST_URL, EDIT_URL.format(item.pk), "/admin/snippets/federation/regencyannouncement/"):
        assert client.get(url).status_code in (302, 403, 404)
    assert client.post(EDIT_URL.format(item.pk), {"hidden": "on", "hidden_reason": "x"}).status_code in (
        302,
        403,
        404,
    )
    item.refresh_from_db()
    assert not item.hidden


def test_diskominfo_can_list_but_not_add_or_delete_items(village_factory, diskominfo):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Kabar")
    item = FederatedNewsItem.objects.get()
    listing = diskominfo.get(LIST_URL)
    assert listing.status_code == 200 and "Kabar" in listing.text
    assert diskominfo.get(LIST_URL + "add/").status_code in (302, 403)
    assert diskominfo.post(f"{LIST_URL}delete/{item.pk}/").status_code in (302, 403)
    assert FederatedNewsItem.objects.filter(pk=item.pk).exists()


def test_moderation_list_shows_indonesian_words_not_false(village_factory, diskominfo):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Berita tampil biasa")
        make_news_page("Berita yang disembunyikan")
    FederatedNewsItem.objects.filter(title="Berita yang disembunyikan").update(
        hidden=True, hidden_reason="Sumber belum jelas.", pinned=True
    )

    response = diskominfo.get(LIST_URL)
    assert response.status_code == 200
    html = response.text
    assert "Disembunyikan" in html
    assert "Tampil" in html
    assert "Disematkan" in html
    assert "False" not in html
    assert "True" not in html
