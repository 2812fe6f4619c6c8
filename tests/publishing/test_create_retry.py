"""A create form sent again after Wagtail's autosave already made the page (issue #27, item 5)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Revision

from villageweb.village.models import ContentPage

from ..factories import VILLAGE_USER_PASSWORD, admin_client_for, in_village, make_village_user

pytestmark = pytest.mark.django_db


def _form(title: str, intro: str = "", **extra) -> dict:
    return {
        "title": title,
        "slug": slugify(title),  # the editor's script fills it from the title
        "intro": intro,
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **extra,
    }


def _add_url(village) -> str:
    with in_village(village):
        home = Page.objects.get(depth=2)
    return f"/admin/pages/add/village/contentpage/{home.pk}/", home


def _pages(village, title):
    with in_village(village):
        return list(ContentPage.objects.filter(title=title).values_list("pk", "intro", "live"))


def test_the_create_form_sent_again_after_autosave_saves_the_same_draft(village_factory):
    village = village_factory("Jlodro")
    url, _ = _add_url(village)
    client = admin_client_for(village)
    # Autosave: the create form, posted as JSON a few seconds in, makes the page as a draft.
    first = client.post(
        url, _form("Sejarah Pasar Desa", "Pasar berdiri"), headers={"Accept": "application/json"}
    )
    assert first.status_code == 200 and first.json()["success"], first.content[:300]
    [(pk, intro, live)] = _pages(village, "Sejarah Pasar Desa")
    assert (intro, live) == ("Pasar berdiri", False)
    # The answer was lost: the form was never turned into the edit form, and "Simpan" posts it again.
    retry = client.post(url, _form("Sejarah Pasar Desa", "Pasar berdiri sejak 1950"))
    assert retry.status_code == 302, retry.content.decode()[:2000]
    assert retry["Location"].endswith(f"/admin/pages/{pk}/edit/")
    assert _pages(village, "Sejarah Pasar Desa") == [(pk, "Pasar berdiri sejak 1950", False)]


def test_the_same_form_sent_again_with_publish_publishes_the_draft_once(village_factory):
    village = village_factory("Jlodro")
    url, _ = _add_url(village)
    client = admin_client_for(village)
    client.post(url, _form("Profil BUMDes"), headers={"Accept": "application/json"})
    retry = client.post(url, _form("Profil BUMDes", "Unit usaha air bersih", **{"action-publish": "1"}))
    assert retry.status_code == 302
    [(pk, intro, live)] = _pages(village, "Profil BUMDes")
    assert (intro, live) == ("Unit usaha air bersih", True)


def _refused(response) -> bool:
    text = response.content.decode()
    return response.status_code == 200 and "sudah" in text and "dipakai" in text


def test_an_old_draft_still_refuses_the_slug(village_factory):
    village = village_factory("Jlodro")
    url, _ = _add_url(village)
    client = admin_client_for(village)
    client.post(url, _form("Papan Informasi"), headers={"Accept": "application/json"})
    # The same user's draft, first saved three hours ago: a new form is a new page, and the slug clashes.
    [(pk, _, _)] = _pages(village, "Papan Informasi")
    with in_village(village):
        three_hours_ago = timezone.now() - timedelta(hours=3)
        Revision.page_revisions.filter(object_id=str(pk)).update(created_at=three_hours_ago)
    assert _refused(client.post(url, _form("Papan Informasi", "baru")))
    assert _pages(village, "Papan Informasi") == [(pk, "", False)]


def test_another_users_draft_still_refuses_the_slug(village_factory):
    village = village_factory("Jlodro")
    url, _ = _add_url(village)
    make_village_user(village, "operator", "Operator")
    operator = admin_client_for(village, username="operator", password=VILLAGE_USER_PASSWORD)
    operator.post(url, _form("Papan Informasi"), headers={"Accept": "application/json"})
    [(pk, _, _)] = _pages(village, "Papan Informasi")
    assert _refused(admin_client_for(village).post(url, _form("Papan Informasi", "dari admin")))
    assert _pages(village, "Papan Informasi") == [(pk, "", False)]
