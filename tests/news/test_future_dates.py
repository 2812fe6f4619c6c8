"""News dated ahead ("Tanggal" in the future) waits for its date everywhere it is listed: the
village's Berita page, feed and home, and the portal (home, Berita Desa, API, directory dates)."""

import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from freezegun import freeze_time

from villageweb.portal.federation.queries import village_directory

from ..factories import in_village, make_news_page

TODAY_TITLE = "Rapat koordinasi posyandu"
AHEAD_TITLE = "Peringatan Hari Jadi Desa"


def page_text(client_for, host: str, path: str) -> str:
    response = client_for(host).get(path)
    assert response.status_code == 200, (host, path)
    return response.content.decode()


def listings(client_for, village) -> dict[str, str]:
    return {
        "berita": page_text(client_for, village.domain, "/berita/"),
        "feed": page_text(client_for, village.domain, "/berita/feed/"),
        "home": page_text(client_for, village.domain, "/"),
        "portal home": page_text(client_for, "localhost", "/"),
        "portal berita": page_text(client_for, "localhost", "/berita-desa/"),
        "portal feed": page_text(client_for, "localhost", "/berita-desa/feed/"),
        "api": page_text(client_for, "localhost", "/api/v1/berita-desa/"),
    }


def test_news_dated_ahead_is_listed_from_its_date_on(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    today = timezone.localdate()
    ahead = today + timedelta(days=1)
    with in_village(jlodro):
        make_news_page(TODAY_TITLE, date=today)
        make_news_page(AHEAD_TITLE, date=ahead)

    for name, text in listings(client_for, jlodro).items():
        assert TODAY_TITLE in text, name
        assert AHEAD_TITLE not in text, name
    assert village_directory()[0].last_news_date == today

    # The next morning in Tuban: the cached portal pages of yesterday are not served any more.
    morning = datetime.datetime.combine(ahead, datetime.time(7, 0), tzinfo=ZoneInfo("Asia/Jakarta"))
    with freeze_time(morning):
        for name, text in listings(client_for, jlodro).items():
            assert AHEAD_TITLE in text, name
        assert village_directory()[0].last_news_date == ahead
