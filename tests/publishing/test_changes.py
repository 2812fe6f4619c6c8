"""What a publish sets off runs in one function, in its stated order (villageweb/publishing/changes.py).
That it runs inside the publish's own transaction is proven with real commits in
tests/federation/test_transactions.py."""

import pytest
from django.db import connection

from tests.factories import in_village, make_news_page
from villageweb.health.models import VillageActivity
from villageweb.portal.federation.models import FederatedNewsItem
from villageweb.publishing import changes

pytestmark = pytest.mark.django_db


def test_a_publish_runs_federation_then_catalogue_then_health_then_freshness(village_factory, monkeypatch):
    village = village_factory("Jlodro")
    steps = []
    for name, step in (
        ("news_page_changed", "federation"),
        ("service_page_changed", "catalogue"),
        ("village_summary_refresh", "health"),
        ("hosts_ban_for_schema", "freshness"),
    ):
        real = getattr(changes, name)

        def recorded(*args, _real=real, _step=step, **kwargs):
            steps.append(_step)
            return _real(*args, **kwargs)

        monkeypatch.setattr(changes, name, recorded)
    with in_village(village):
        page = make_news_page("Panen raya jagung")
    # Creating the page and its revision refreshed the activity already (page_edited); the publish:
    assert steps[steps.index("federation") :] == ["federation", "catalogue", "health", "freshness"]
    connection.set_schema_to_public()
    assert FederatedNewsItem.objects.filter(source_page_id=page.pk).exists()
    assert VillageActivity.objects.get(village__code=village.code).last_publish is not None


def test_deleting_a_news_page_takes_it_off_the_portal_through_the_same_path(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        page = make_news_page("Berita yang dihapus")
    connection.set_schema_to_public()
    assert FederatedNewsItem.objects.filter(source_page_id=page.pk).exists()
    with in_village(village):
        type(page).objects.get(pk=page.pk).delete()
    connection.set_schema_to_public()
    assert not FederatedNewsItem.objects.filter(source_page_id=page.pk).exists()
