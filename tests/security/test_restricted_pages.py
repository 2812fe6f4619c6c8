"""A page behind a password or a log-in is not listed anywhere the public looks (issue #26, item 11).

Before the fix the home page, the news index, the Atom feed, the announcements, the agenda and the
budget years used `.live()` alone: the restricted page's title, summary and picture were shown to
anyone. Now every public list goes through villageweb.village.listing.pages_public.
"""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from villageweb.announcements.models import AnnouncementIndexPage, EventIndexPage
from villageweb.budget.models import BudgetIndexPage
from villageweb.news.models import NewsIndexPage
from villageweb.portal.federation.models import FederatedNewsItem
from villageweb.portal.federation.services import federation_resync

from ..factories import (
    in_village,
    make_announcement,
    make_budget_year,
    make_event,
    make_news_page,
    village_of,
)

pytestmark = pytest.mark.django_db

SECRET = "Rahasiakan"  # in the title of every restricted page


def _restrict(page, kind: str) -> None:
    if kind == "password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x1"
        )
    else:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_restricted_pages_are_listed_nowhere_the_public_looks(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    today = timezone.localdate()
    with in_village(jlodro):
        make_news_page("Berita umum desa", slug="berita-umum", date=today, summary="Untuk semua warga.")
        news = make_news_page(
            f"{SECRET} berita", slug="berita-rahasia", date=today, summary=f"{SECRET} ringkasan."
        )
        _restrict(news, "password")
        _restrict(
            make_announcement(f"{SECRET} pengumuman", valid_until=today + datetime.timedelta(days=9)), "login"
        )
        _restrict(make_event(f"{SECRET} rapat", start=timezone.now() + datetime.timedelta(days=2)), "login")
        _restrict(make_budget_year(today.year, [("pendapatan", "", f"{SECRET} dana", 1000, 500)]), "password")
        urls = {
            "home": "/",
            "news index": NewsIndexPage.objects.get().url,
            "feed": NewsIndexPage.objects.get().feed_url(),
            "announcements": AnnouncementIndexPage.objects.get().url,
            "agenda": EventIndexPage.objects.get().url,
            "budget": BudgetIndexPage.objects.get().url,
            "sitemap": "/sitemap.xml",
            "search": "/cari/?q=berita",  # matches the public news and the restricted one
        }
    client = client_for(jlodro.domain)
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert SECRET not in response.content.decode(), name
    assert "Berita umum desa" in client.get(urls["news index"]).text  # the listing itself works
    assert "Berita umum desa" in client.get(urls["feed"]).text
    assert "Berita umum desa" in client.get(urls["search"]).text

    # The portal lists only the public news.
    federation_resync(village=village_of(jlodro))
    titles = list(
        FederatedNewsItem.objects.filter(village=village_of(jlodro)).values_list("title", flat=True)
    )
    assert titles == ["Berita umum desa"]
    portal = client_for(settings.VILLAGEWEB_BASE_DOMAIN).get("/berita-desa/")
    assert portal.status_code == 200 and SECRET not in portal.text
