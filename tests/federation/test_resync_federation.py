"""`resync_federation` rebuilds the index from the villages' schemas: the same rows as kept live."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.models import Page

from villageweb.news.models import NewsPage
from villageweb.portal.federation.models import FederatedNewsItem
from villageweb.portal.federation.services import news_item_moderate

from ..factories import in_village, make_news_page

pytestmark = pytest.mark.django_db

CONTENT_COLUMNS = [
    "village_id",
    "source_page_id",
    "title",
    "summary",
    "path",
    "date",
    "first_published_at",
    "last_published_at",
    "categories",
    "thumbnail_path",
    "search_vector",
    "hidden",
    "hidden_reason",
    "pinned",
]


def index_rows():
    connection.set_schema_to_public()
    rows = FederatedNewsItem.objects.order_by("village_id", "source_page_id").values_list(*CONTENT_COLUMNS)
    return [tuple(str(value) for value in row) for row in rows]


def test_rebuild_equals_the_incrementally_kept_index(village_factory):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi", district_name="Jenu")
    with in_village(jlodro):
        image = Image.objects.create(title="Sawah", file=get_test_image_file(filename="sawah.png"))
        kept = make_news_page("Panen raya", image=image, body=[("paragraph", "<p>Hasil panen melimpah.</p>")])
        edited = make_news_page("Rapat desa")
        edited.title = "Musyawarah desa"
        edited.save_revision().publish()
        make_news_page("Dihapus").delete()
        make_news_page("Ditarik").unpublish()
        make_news_page("Draf saja", publish=False)
        section = Page.objects.get(pk=kept.get_parent().pk).specific
        section.slug = "kabar"
        section.save_revision().publish()
    with in_village(wangi):
        make_news_page("Lomba perahu", date="2026-08-17")
    connection.set_schema_to_public()
    news_item_moderate(
        item=FederatedNewsItem.objects.get(title="Lomba perahu"),
        hidden=True,
        hidden_reason="Duplikat",
        pinned=True,
    )
    incremental = index_rows()
    assert len(incremental) == 3
    assert ("/kabar/panen-raya/") in {row[4] for row in incremental}

    call_command("resync_federation", stdout=open("/dev/null", "w"))
    assert index_rows() == incremental

    # Rows that went astray (lost, stale or orphaned) are put right by the rebuild.
    FederatedNewsItem.objects.filter(title="Musyawarah desa").delete()
    FederatedNewsItem.objects.filter(title="Panen raya").update(title="Basi", path="/lama/")
    with in_village(jlodro):
        orphan_id = NewsPage.objects.get(title="Ditarik").pk
    FederatedNewsItem.objects.create(
        village_id=incremental[0][0],
        source_page_id=orphan_id,
        title="Ditarik",
        path="/berita/ditarik/",
        date="2026-11-01",
        first_published_at="2026-11-01T00:00Z",
        last_published_at="2026-11-01T00:00Z",
    )
    call_command("resync_federation", stdout=open("/dev/null", "w"))
    assert index_rows() == incremental


def test_resync_of_one_village_reports_its_count(village_factory, capsys):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Satu")
        make_news_page("Dua")
    FederatedNewsItem.objects.all().delete()
    call_command("resync_federation", village=jlodro.code)
    output = capsys.readouterr().out
    assert f"{jlodro.code} Desa Jlodro: 2 berita" in output
    assert FederatedNewsItem.objects.count() == 2


def test_resync_of_an_unknown_village_fails_with_a_message(platform):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("resync_federation", village="35.23.99.9999")
