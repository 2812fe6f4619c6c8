"""A publish and its index entry commit together or not at all (real commits, no test transaction)."""

import pytest
from django.db import connection

from villageweb.news.models import NewsPage
from villageweb.portal.federation import services
from villageweb.portal.federation.models import FederatedNewsItem

from ..factories import in_village, make_news_page


def test_failed_index_write_rolls_the_first_publish_back(transactional_village_factory, monkeypatch):
    jlodro = transactional_village_factory("Jlodro")
    with in_village(jlodro):
        page = make_news_page("Panen raya", publish=False)
        monkeypatch.setattr(
            services,
            "_UPSERT_SQL",
            services._UPSERT_SQL.replace("federation_federatednewsitem", "no_such_table"),
        )
        with pytest.raises(Exception, match="no_such_table"):
            page.get_latest_revision().publish()
        stored = NewsPage.objects.get(pk=page.pk)
        assert not stored.live and stored.live_revision_id is None
    connection.set_schema_to_public()
    assert not FederatedNewsItem.objects.exists()


def test_failed_index_write_keeps_the_previous_live_version(transactional_village_factory, monkeypatch):
    jlodro = transactional_village_factory("Jlodro")
    with in_village(jlodro):
        page = make_news_page("Panen raya")
        page.title = "Panen raya gagal"
        revision = page.save_revision()
        monkeypatch.setattr(
            services,
            "_UPSERT_SQL",
            services._UPSERT_SQL.replace("federation_federatednewsitem", "no_such_table"),
        )
        with pytest.raises(Exception, match="no_such_table"):
            revision.publish()
        stored = NewsPage.objects.get(pk=page.pk)
        assert stored.live and stored.title == "Panen raya" and stored.live_revision_id != revision.pk
    connection.set_schema_to_public()
    assert list(FederatedNewsItem.objects.values_list("title", flat=True)) == ["Panen raya"]


def test_publish_is_visible_on_the_portal_as_soon_as_it_returns(transactional_village_factory, client_for):
    jlodro = transactional_village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Lomba agustusan")
    connection.set_schema_to_public()
    response = client_for("localhost").get("/berita-desa/")
    assert "Lomba agustusan" in response.text
