"""A publish, end to end through a real Varnish and all three caches (docs/caching.md): every URL
that shows the news item is fresh on its very next request, the village's and the portal's, and the
village's other pages come from the village site cache again on the request after."""

import logging
import time

import pytest
from django.db import connection

from tests.factories import in_village, make_news_page

# A real-stack suite (varnishd): `bash bin/test --stack` and .ci/run.
pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]

logger = logging.getLogger(__name__)

VILLAGE_PATHS = ["/", "/berita/"]
PORTAL_PATHS = ["/", "/berita-desa/", "/api/v1/berita-desa/", "/berita-desa/feed/"]


def test_every_url_showing_a_publish_is_fresh_on_its_next_request_through_varnish(
    front, transactional_village_factory
):
    village = transactional_village_factory("Tasikmadu")
    affected = [(village.domain, path) for path in VILLAGE_PATHS] + [("localhost", p) for p in PORTAL_PATHS]
    for host, path in affected:
        front.request(host, path)
        warm = front.request(host, path)
        assert warm.status == 200 and warm.cache == "HIT", (host, path, warm.status, warm.cache)

    title = "Panen raya jagung di Tasikmadu"
    started = time.monotonic()
    with in_village(village):
        make_news_page(title)  # a real Wagtail revision, published; bans go out on its commit
    connection.set_schema_to_public()
    published = time.monotonic()
    answers = {(host, path): front.request(host, path) for host, path in affected}
    fresh = time.monotonic()

    stale = [key for key, answer in answers.items() if answer.status != 200 or title not in answer.body]
    assert stale == [], f"still showing the old page: {stale}"
    assert {answer.cache for answer in answers.values()} == {"MISS"}
    again = {key: front.request(*key) for key in affected}
    assert all(answer.cache == "HIT" and title in answer.body for answer in again.values())
    logger.warning(
        "publish %.0f ms; then all %d affected URLs fresh through Varnish in %.0f ms",
        (published - started) * 1000,
        len(affected),
        (fresh - published) * 1000,
    )
