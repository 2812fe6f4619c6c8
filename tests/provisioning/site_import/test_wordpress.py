"""import_site --wordpress: a WordPress site installed in a subfolder (/web) becomes the village's site."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from provisioning.site_import.models import ImportedItem
from tests.conftest import host_client
from tests.factories import command_run, in_village
from tests.provisioning.site_import.media import wordpress_uploads
from villageweb.announcements.models import EventPage
from villageweb.news.models import NewsPage
from villageweb.portal.federation.models import FederatedNewsItem
from villageweb.village.models import ContentPage

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "wordpress-subfolder.xml"


@pytest.fixture
def imported(village_factory, tmp_path):
    village = village_factory()
    media = wordpress_uploads(tmp_path / "uploads")
    output = command_run(
        "import_site", "--village", village.code, "--wordpress", str(EXPORT), "--media", str(media), "--json"
    )
    return village, json.loads(output), media


def test_published_posts_pages_and_agenda_arrive_with_their_history(imported):
    village, report, _media = imported
    assert report["counts"]["news"] == 3  # two public posts and the protected one
    assert report["counts"]["scheduled_news"] == 1
    assert report["counts"]["pages"] == 2
    assert report["counts"]["events"] == 1
    assert report["counts"]["image"] == 2 and report["counts"]["document"] == 1
    reasons = {item["id"]: item["reason"] for item in report["skipped"]}
    assert "draf" in reasons["17"] and "sampah" in reasons["18"] and "private" in reasons["19"]
    with in_village(village):
        news = NewsPage.objects.get(title="Kerja Bakti Saluran Irigasi Dusun Krajan")
        assert news.live and news.byline == "Siti Aminah"
        assert str(news.date) == "2024-05-06"
        assert news.summary == "Warga Dusun Krajan membersihkan saluran irigasi sepanjang 800 meter."
        assert [category.name for category in news.categories.all()] == ["Kegiatan Desa"]
        assert [tag.name for tag in news.tags.all()] == ["gotong royong"]
        assert news.main_image.title == "kerja-bakti-foto"
        assert news.first_published_at.year == 2024
        assert not NewsPage.objects.filter(
            title__in=[
                "Draf laporan yang belum selesai",
                "Catatan pribadi admin",
                "Tulisan lama yang dibuang",
            ]
        ).exists()
        musdes = NewsPage.objects.get(slug="musdes-rkpdes-2025")
        assert "Café desa" in str(musdes.body)  # the latin-1 leftover read as the old site showed it
        assert musdes.byline == "Operator Desa"
        scheduled = NewsPage.objects.get(title="Jadwal Posyandu Tahun Depan")
        assert not scheduled.live and scheduled.go_live_at.year == 2100
        assert scheduled.latest_revision.approved_go_live_at.year == 2100
        protected = NewsPage.objects.get(slug="daftar-penerima-blt")
        restriction = PageViewRestriction.objects.get(page=protected)
        assert restriction.restriction_type == "password" and restriction.password == "rahasia2024"
        history = Page.objects.get(slug="sejarah").specific  # the village's own Sejarah page, filled
        assert "sumber air yang tidak pernah kering" in str(history.body)
        assert [block.block_type for block in history.body] == ["paragraph", "paragraph", "table"]
        assert history.body[0].value.source == "<h2>Asal-usul nama</h2>"
        assert list(history.body[2].value["rows"][1]) == ["1990-2007", "Sulastri"]
        market = ContentPage.objects.get(slug="pasar-desa")
        assert market.live and market.get_parent().specific.__class__.__name__ == "HomePage"
        event = EventPage.objects.get(slug="sosialisasi-stunting")
        assert event.start.hour == 1 and event.end.hour == 4  # 08:00 and 11:00 WIB, in UTC
        assert "buku KIA" in event.description
        assert ImportedItem.objects.filter(source="wordpress").count() == 10
    assert FederatedNewsItem.objects.filter(
        village__code=village.code, title__startswith="Kerja Bakti"
    ).exists()


def test_bodies_are_clean_rich_text_with_images_and_rewritten_links(imported):
    village, _report, _media = imported
    with in_village(village):
        news = NewsPage.objects.get(slug="kerja-bakti-saluran-irigasi")
        types = [block.block_type for block in news.body]
        # The [caption] photo is followed by its caption, as the old site showed it.
        assert types == ["paragraph", "image", "paragraph", "paragraph", "paragraph", "paragraph", "image"]
        raw = json.dumps(list(news.body.raw_data))
        for hostile in (
            "<script",
            "document.cookie",
            "onclick",
            "style=",
            "<iframe",
            "wp:paragraph",
            "[caption",
            "[contact-form-7",
            "[su_note",
        ):
            assert hostile not in raw
        assert news.body[1].value.contextual_alt_text == "Warga membersihkan saluran di Dusun Krajan"
        assert news.body[2].value.source == "<p><i>Warga membersihkan saluran di Dusun Krajan</i></p>"
        assert news.body[6].value.title == "saluran-selesai"
        links = news.body[3].value.source
        assert 'href="/profil/sejarah/"' in links  # ?page_id=30 was the old Sejarah page
        document = news.body[3].value.source.split('linktype="document"')[0]
        assert 'id="' in document
        # The player's embed address becomes the video's own page, which a citizen can open.
        assert (
            "Tonton video" in news.body[4].value.source
            and 'href="https://www.youtube.com/watch?v=abc123"' in news.body[4].value.source
        )
        assert "Kegiatan berikutnya bulan depan." in news.body[5].value.source
    client = host_client(village.domain)
    page = client.get("/berita/kerja-bakti-saluran-irigasi/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Siti Aminah" in html and "evil.example" not in html and "<iframe" not in html
    assert client.get("/berita/daftar-penerima-blt/").status_code == 200
    assert "rahasia" not in client.get("/berita/daftar-penerima-blt/").content.decode()
    assert (
        "Daftar ini hanya untuk perangkat desa"
        not in client.get("/berita/daftar-penerima-blt/").content.decode()
    )


OLD_LINKS = [
    ("/web/2024/05/kerja-bakti-saluran-irigasi/", "/berita/kerja-bakti-saluran-irigasi/"),
    ("/web/?p=12", "/berita/kerja-bakti-saluran-irigasi/"),
    ("/web/?p=14", "/berita/musdes-rkpdes-2025/"),
    ("/web/?page_id=30", "/profil/sejarah/"),
    ("/web/sejarah-desa/", "/profil/sejarah/"),
    ("/web/pasar-desa/", "/pasar-desa/"),
    ("/web/category/kegiatan-desa/", "/berita/?kategori=kegiatan-desa"),
    ("/web/?cat=4", "/berita/?kategori=pembangunan"),
    ("/web/tag/gotong-royong/", "/berita/?tag=gotong-royong"),
    ("/web/agenda/sosialisasi-stunting/", "/agenda/sosialisasi-stunting/"),
    ("/web/", "/"),
]


def test_every_old_link_answers_a_permanent_redirect(imported):
    village, report, _media = imported
    client = host_client(village.domain)
    answers = {old: client.get(old) for old, _new in OLD_LINKS}
    assert {old: (answer.status_code, answer.get("Location")) for old, answer in answers.items()} == {
        old: (301, new) for old, new in OLD_LINKS
    }
    assert {"from": "/web?p=12", "to": "/berita/kerja-bakti-saluran-irigasi/"} in report["redirects"]


def test_old_upload_and_attachment_addresses_lead_to_the_files(imported):
    village, _report, _media = imported
    client = host_client(village.domain)
    photo = client.get("/web/wp-content/uploads/2024/05/kerja-bakti-foto.jpg")
    assert photo.status_code == 301
    with in_village(village):
        image = get_image_model().objects.get(title="kerja-bakti-foto")
        assert photo["Location"] == image.file.url
        assert image.collection.name == "Arsip situs lama"
    attachment = client.get("/web/?attachment_id=21")
    assert attachment.status_code == 301 and attachment["Location"].endswith(".png")
    assert client.get("/web/wp-content/uploads/2024/01/perdes-apbdes-2024.pdf")["Location"].startswith(
        "/dokumen/"
    )


def test_rerun_updates_instead_of_duplicating(imported, tmp_path):
    village, first, media = imported
    with in_village(village):
        pages = Page.objects.count()
        redirects = Redirect.objects.count()
        images = get_image_model().objects.count()
    second = json.loads(
        command_run(
            "import_site",
            "--village",
            village.code,
            "--wordpress",
            str(EXPORT),
            "--media",
            str(media),
            "--json",
        )
    )
    with in_village(village):
        assert Page.objects.count() == pages
        assert Redirect.objects.count() == redirects
        assert get_image_model().objects.count() == images
        assert NewsPage.objects.filter(slug="kerja-bakti-saluran-irigasi").count() == 1
    assert second["updated"]["news"] == 3 and second["counts"].get("news", 0) == 0
    assert second["updated"]["image"] == 2


def test_dry_run_reports_and_writes_nothing(village_factory, tmp_path):
    village = village_factory()
    media = wordpress_uploads(tmp_path / "uploads")
    with in_village(village):
        pages = Page.objects.count()
    report = json.loads(
        command_run(
            "import_site",
            "--village",
            village.code,
            "--wordpress",
            str(EXPORT),
            "--media",
            str(media),
            "--dry-run",
            "--json",
        )
    )
    assert report["dry_run"] is True
    assert report["counts"]["news"] == 3 and report["counts"]["image"] == 2
    assert {"from": "/web?p=12", "to": None} in report["redirects"]
    with in_village(village):
        assert Page.objects.count() == pages
        assert not Redirect.objects.exists() and not get_image_model().objects.exists()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss><channel><wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">1.2</wp:wxr_version>
<item><title>&c;</title></item></channel></rss>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&secret;</title></item></channel></rss>"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BILLION_LAUGHS, "DTD/entitas yang ditolak"),
        (EXTERNAL_ENTITY, "DTD/entitas yang ditolak"),
        (EXPORT.read_bytes()[:5000], "tidak dapat dibaca"),
        (b"<rss><channel><title>bukan WXR</title></channel></rss>", "bukan ekspor WordPress"),
    ],
)
def test_hostile_or_broken_exports_are_refused_and_import_nothing(
    village_factory, tmp_path, content, message
):
    village = village_factory()
    export = tmp_path / "ekspor.xml"
    export.write_bytes(content)
    with in_village(village):
        pages = Page.objects.count()
    with pytest.raises(CommandError, match=message):
        command_run("import_site", "--village", village.code, "--wordpress", str(export))
    with in_village(village):
        assert Page.objects.count() == pages and not Redirect.objects.exists()


ROOT_INSTALL = (
    (FIXTURES / "wordpress-subfolder.xml")
    .read_bytes()
    .replace(b"sumberejo.desa.id/web", b"sumberejo.desa.id")
)


def test_query_string_links_of_a_root_install_redirect_from_the_new_home(village_factory, tmp_path):
    """/?p=12 lands on the new home page (200), where Wagtail's redirect middleware never looks."""
    village = village_factory()
    export = tmp_path / "root.xml"
    export.write_bytes(ROOT_INSTALL)
    command_run("import_site", "--village", village.code, "--wordpress", str(export))
    client = host_client(village.domain)
    assert client.get("/?p=12")["Location"] == "/berita/kerja-bakti-saluran-irigasi/"
    assert client.get("/?page_id=31")["Location"] == "/pasar-desa/"
    assert client.get("/?cat=3")["Location"] == "/berita/?kategori=kegiatan-desa"
    assert client.get("/?p=999").status_code == 200  # an unknown old id: the home page, as before
    assert (
        client.get("/2024/05/kerja-bakti-saluran-irigasi/")["Location"]
        == "/berita/kerja-bakti-saluran-irigasi/"
    )
