"""import_site --opensid BACKUP.sql: three generations of OpenSID's backup become the village's site, and
not one resident's number comes with them."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError
from django.db import connection
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Page

from provisioning.site_import.items import SiteImportError
from provisioning.site_import.sources.opensid import backup_tables
from tests.conftest import host_client
from tests.factories import command_run, in_village
from tests.provisioning.site_import.media import opensid_uploads
from villageweb.announcements.models import EventPage
from villageweb.news.models import NewsPage
from villageweb.village.models import GalleryAlbumPage

FIXTURES = Path(__file__).parent / "fixtures"
VERSIONS = sorted(FIXTURES.glob("opensid-*.sql"))
# Resident tables' 16-digit numbers (NIK, KK) of each fixture; the articles of the fixtures hold none.
SIXTEEN_DIGITS = re.compile(rb"(?<!\d)\d{16}(?!\d)")


def schema_rows_matching(schema: str, pattern: str) -> list[tuple[str, str]]:
    """Every row of every table in `schema` whose text (all columns) matches `pattern`."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = %s AND table_type = 'BASE TABLE'",
            [schema],
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT t::text FROM "{schema}"."{table}" t WHERE t::text ~ %s', [pattern])
            found += [(table, row[0][:200]) for row in cursor.fetchall()]
    return found


@pytest.mark.parametrize("backup", VERSIONS, ids=[path.stem for path in VERSIONS])
def test_backup_becomes_the_site_without_one_resident_number(village_factory, tmp_path, backup):
    village = village_factory()
    media = opensid_uploads(tmp_path / "upload")
    output = command_run(
        "import_site", "--village", village.code, "--opensid", str(backup), "--media", str(media), "--json"
    )
    report = json.loads(output)
    numbers = {number.decode() for number in SIXTEEN_DIGITS.findall(backup.read_bytes())}
    assert len(numbers) >= 4, "the fixture must hold residents' numbers for this test to mean anything"
    pattern = "|".join(sorted(numbers))
    assert schema_rows_matching(village.schema, pattern) == []
    assert schema_rows_matching("public", pattern) == []
    assert not re.search(pattern, output)
    assert "kependudukan" in report["personal_data"]
    assert (
        report["counts"]["news"] >= 2 and report["counts"]["events"] == 1 and report["counts"]["pages"] == 1
    )
    with in_village(village):
        assert NewsPage.objects.filter(live=True).count() >= 2
        assert not Page.objects.filter(title__icontains="draf").exists()
        assert not Page.objects.filter(title__startswith="Konsep").exists()
        assert EventPage.objects.count() == 1


def test_each_generation_keeps_its_own_content_and_links(village_factory, tmp_path):
    media = opensid_uploads(tmp_path / "upload")
    old = village_factory()
    command_run(
        "import_site",
        "--village",
        old.code,
        "--opensid",
        str(FIXTURES / "opensid-v1-2018.sql"),
        "--media",
        str(media),
    )
    with in_village(old):
        history = Page.objects.get(slug="sejarah").specific
        assert "Kerajaan Majapahit" in str(history.body)  # static page (category 999) -> Sejarah
        posyandu = NewsPage.objects.get(title="Posyandu Mawar Bulan Agustus")
        assert posyandu.byline == "Suparman Sekdes" and str(posyandu.date) == "2017-08-14"
        assert posyandu.main_image is not None and posyandu.main_image.file_size > 0
        body = str(posyandu.body)
        assert 'href="/berita/pengaspalan-jalan-dusun-ngampel/"' in body  # an old link, rewritten
        assert 'href="/dokumen/' in body and "Perdes Nomor 1" in body
        assert get_document_model().objects.get(title="Perdes Nomor 1")
        road = NewsPage.objects.get(slug="pengaspalan-jalan-dusun-ngampel")
        assert "<script" not in json.dumps(list(road.body.raw_data)) and "alert" not in str(road.body)
        assert [category.name for category in road.categories.all()] == ["Pembangunan"]
    client = host_client(old.domain)
    for path in ("/first/artikel/2", "/index.php/first/artikel/2", "/artikel/2"):
        assert client.get(path)["Location"] == "/berita/posyandu-mawar-bulan-agustus/", path
    assert client.get("/first/kategori/2")["Location"] == "/berita/?kategori=pembangunan"
    assert client.get("/index.php/first")["Location"] == "/"
    assert client.get("/desa/upload/artikel/sedang_1696000000_posyandu.jpg").status_code == 301

    connection.set_schema_to_public()
    middle = village_factory()
    command_run(
        "import_site",
        "--village",
        middle.code,
        "--opensid",
        str(FIXTURES / "opensid-v2-2021.sql"),
        "--media",
        str(media),
    )
    with in_village(middle):
        vision = Page.objects.get(slug="visi-misi").specific
        assert "Meningkatkan pelayanan publik" in str(vision.body)
        assert "Café literasi" in str(NewsPage.objects.get(slug="pojok-baca-perpustakaan-desa").body)
        event = EventPage.objects.get()
        assert (
            event.place == "Balai Desa Kedungrejo" and event.start.isoformat() == "2021-11-20T01:00:00+00:00"
        )
        album = GalleryAlbumPage.objects.get()
        assert album.title == "Panen Raya 2021" and album.live
        assert [photo.caption for photo in album.gallery_images.all()] == [
            "Petani memanen padi",
            "Hasil panen ditimbang",
        ]
    client = host_client(middle.domain)
    assert client.get("/artikel/2021/10/11/penyaluran-blt-dana-desa-tahap-iii")["Location"] == (
        "/berita/penyaluran-blt-dana-desa-tahap-iii/"
    )
    assert client.get("/index.php/artikel/2019/01/05/visi-dan-misi")["Location"] == "/profil/visi-misi/"
    assert client.get("/first/sub_gallery/1")["Location"] == "/galeri/panen-raya-2021/"

    connection.set_schema_to_public()
    new = village_factory()
    report = json.loads(
        command_run(
            "import_site",
            "--village",
            new.code,
            "--opensid",
            str(FIXTURES / "opensid-v3-2024.sql"),
            "--media",
            str(media),
            "--json",
        )
    )
    assert report["counts"]["scheduled_news"] == 1
    with in_village(new):
        plan = NewsPage.objects.get(slug="musrenbangdes-2024")
        assert 'href="/kontak-dan-jam-layanan/"' in str(plan.body)
        assert "Tonton video" in str(plan.body) and "<iframe" not in str(plan.body)
        assert not NewsPage.objects.get(slug="jadwal-vaksinasi-tahun-depan").live
        assert [category.name for category in NewsPage.objects.get(slug="apbdes-2024").categories.all()] == [
            "Keuangan"
        ]
        assert EventPage.objects.get().place == "Lapangan Desa"
    assert host_client(new.domain).get("/artikel/kategori/perencanaan-desa")["Location"] == (
        "/berita/?kategori=perencanaan-desa"
    )


def test_only_allowed_tables_and_author_names_are_read():
    tables = backup_tables((FIXTURES / "opensid-v2-2021.sql").read_bytes())
    assert set(tables) == {"artikel", "kategori", "agenda", "gambar_gallery", "user"}
    assert tables["user"] == [
        {"id": "1", "nama": "Administrator"},
        {"id": "2", "nama": "Wulan Kasi Pelayanan"},
    ]


VALID = (FIXTURES / "opensid-v3-2024.sql").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("appended", "message"),
    [
        ("GRANT ALL PRIVILEGES ON *.* TO 'tamu'@'%';", "GRANT"),
        ("UPDATE `artikel` SET `enabled` = 1;", "UPDATE"),
        ("SELECT * FROM tweb_penduduk INTO OUTFILE '/tmp/warga.csv';", "SELECT"),
        ("CREATE FUNCTION f() RETURNS INT RETURN 1;", "FUNCTION"),
        (
            "DELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON artikel FOR EACH ROW SET @a = 1;;\nDELIMITER ;",
            "DELIMITER",
        ),
        (
            "INSERT INTO `artikel` (`id`, `judul`) VALUES (200, (SELECT nik FROM tweb_penduduk LIMIT 1));",
            "bukan data",
        ),
        (
            "INSERT INTO `artikel` (`id`, `judul`) VALUES (201, 'tanpa penutup);",
            "bukan cadangan SQL yang utuh",
        ),
    ],
)
def test_foreign_statements_refuse_the_whole_backup(appended, message):
    with pytest.raises(SiteImportError, match=message):
        backup_tables(f"{VALID}\n{appended}\n".encode())


def test_a_refused_backup_imports_nothing(village_factory, tmp_path):
    village = village_factory()
    backup = tmp_path / "cadangan.sql"
    backup.write_text(VALID + "\nGRANT ALL ON *.* TO 'x'@'%';\n", encoding="utf-8")
    with in_village(village):
        pages = Page.objects.count()
    with pytest.raises(CommandError, match="Berkas ditolak dan tidak ada yang diimpor"):
        command_run("import_site", "--village", village.code, "--opensid", str(backup))
    with in_village(village):
        assert Page.objects.count() == pages and not Redirect.objects.exists()
    not_opensid = tmp_path / "lain.sql"
    not_opensid.write_text("CREATE TABLE `produk` (`id` int);\nINSERT INTO `produk` VALUES (1);\n")
    with pytest.raises(CommandError, match="bukan cadangan basis data OpenSID"):
        command_run("import_site", "--village", village.code, "--opensid", str(not_opensid))
