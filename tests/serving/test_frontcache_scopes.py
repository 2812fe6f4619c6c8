"""Which change bans which hosts (villageweb/freshness/frontcache.py), without a cache: the bans are
recorded."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from wagtail.images.models import Rendition

from tests.factories import in_village, make_news_page
from themes.regency.models import RegencyTheme
from villageweb.freshness import frontcache
from villageweb.portal.federation.models import FederatedNewsItem, RegencyAnnouncement
from villageweb.village.models import HomePage


@pytest.fixture
def bans(settings, monkeypatch):
    settings.VILLAGEWEB_FRONTCACHE_URLS = ["http://127.0.0.1:9/"]
    sent = []
    monkeypatch.setattr(frontcache, "_ban_send", sent.append)
    return sent


def test_scopes_follow_the_schema_a_model_lives_in(village_factory):
    village = village_factory("Kaliuntu")
    assert frontcache._scope_of(RegencyAnnouncement) == frontcache.EVERYTHING
    assert frontcache._scope_of(RegencyTheme) == frontcache.EVERYTHING
    assert frontcache._scope_of(FederatedNewsItem) == frontcache.PORTAL
    assert frontcache._scope_of(HomePage) == frontcache.PORTAL  # the portal's own pages, public schema
    assert frontcache._scope_of(Rendition) is None
    assert frontcache._scope_of(Session) is None
    with in_village(village):
        assert frontcache._scope_of(HomePage) == village.schema
        assert frontcache._scope_of(RegencyAnnouncement) == frontcache.EVERYTHING


def test_publishing_bans_the_village_and_the_portal_once_after_commit(
    village_factory, bans, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        village = village_factory("Kaliuntu")
    bans.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks, in_village(village):
        make_news_page("Posyandu balita bulan Desember")
    assert bans == []  # nothing before the commit
    for callback in callbacks:
        callback()
    connection.set_schema_to_public()
    assert bans == [frontcache.hosts_pattern([village.domain, "localhost"])]


def test_a_draft_and_an_anonymous_visit_ban_nothing(
    village_factory, bans, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        village = village_factory("Kaliuntu")
    bans.clear()
    with django_capture_on_commit_callbacks(execute=True), in_village(village):
        page = make_news_page("Rencana kerja bakti", publish=False)
        page.title = "Rencana kerja bakti (revisi)"
        page.save_revision()
    connection.set_schema_to_public()
    with django_capture_on_commit_callbacks(execute=True):
        for path in ("/", "/berita/", "/kontak/"):
            assert client_for(village.domain).get(path).status_code == 200
        assert client_for("localhost").get("/").status_code == 200
    assert bans == []


def test_a_regency_wide_change_bans_every_host(village_factory, bans, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        village_factory("Kaliuntu")
    bans.clear()
    with django_capture_on_commit_callbacks(execute=True):
        theme = RegencyTheme.load()
        theme.save()
    assert bans == ["."]
