"""publish_news: the contract other regency systems script against, and its refusals."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import PageLogEntry

from tenants.models import Village
from villageweb.news.models import NewsPage

from ..factories import in_village

pytestmark = pytest.mark.django_db


def _publish(*args):
    out = io.StringIO()
    call_command("publish_news", *args, stdout=out)
    return out.getvalue()


def _counts(village):
    with in_village(village):
        return NewsPage.objects.count(), Image.objects.count()


@pytest.fixture
def jlodro(village_factory):
    return village_factory("Jlodro")


def test_publishes_a_live_revision_and_prints_one_json_object(jlodro, client_for, tmp_path):
    body = tmp_path / "isi.txt"
    body.write_text(
        "Musyawarah dihadiri 60 warga.\n\nDisepakati pembangunan <b>drainase</b> Dusun Krajan.",
        encoding="utf-8",
    )
    image = tmp_path / "musdes.jpg"
    PILImage.new("RGB", (640, 360), (30, 120, 80)).save(image)

    output = _publish(
        "--village", jlodro.code, "--title", "Musyawarah Desa RKPDes 2027",
        "--summary", "Warga menyepakati prioritas pembangunan tahun 2027.",
        "--body-file", str(body), "--image", str(image), "--date", "2026-11-26", "--json",
    )  # fmt: skip

    data = json.loads(output)
    assert set(data) == {"id", "url"}
    assert data["url"] == f"http://{jlodro.domain}/berita/musyawarah-desa-rkpdes-2027/"
    with in_village(jlodro):
        page = NewsPage.objects.get(pk=data["id"])
        assert page.live and page.live_revision is not None
        assert str(page.date) == "2026-11-26"
        assert page.main_image.title == "Musyawarah Desa RKPDes 2027"
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
    response = client_for(jlodro.domain).get("/berita/musyawarah-desa-rkpdes-2027/")
    assert response.status_code == 200
    assert "Musyawarah dihadiri 60 warga." in response.text
    # The body is text, never HTML.
    assert "&lt;b&gt;drainase&lt;/b&gt;" in response.text


def test_same_title_twice_gets_a_second_slug_and_plain_output(jlodro):
    args = ("--village", jlodro.code, "--title", "Kerja bakti", "--summary", "Bersih desa.")
    _publish(*args)
    output = _publish(*args)
    assert "Berita diterbitkan:" in output and output.strip().endswith("/berita/kerja-bakti-2/")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--title", "Judul", "--summary", "Ringkas", "--date", "27-11-2026"], "tidak valid"),
        (["--title", "   ", "--summary", "Ringkas"], "Judul berita tidak boleh kosong"),
        (["--title", "Judul", "--summary", ""], "Ringkasan berita tidak boleh kosong"),
        (["--title", "Judul", "--summary", "x" * 301], "Ringkasan terlalu panjang"),
        (["--title", "Judul", "--summary", "Ringkas", "--body-file", "/tidak/ada.txt"], "tidak ditemukan"),
        (["--title", "Judul", "--summary", "Ringkas", "--image", "/tidak/ada.jpg"], "tidak ditemukan"),
    ],
)
def test_bad_input_is_refused_in_indonesian_and_creates_nothing(jlodro, args, message):
    before = _counts(jlodro)
    with pytest.raises(CommandError, match=message) as raised:
        _publish("--village", jlodro.code, *args)
    assert raised.value.returncode == 1
    assert _counts(jlodro) == before


def test_a_file_that_is_not_an_image_is_refused(jlodro, tmp_path):
    fake = tmp_path / "foto.jpg"
    fake.write_text("bukan gambar")
    before = _counts(jlodro)
    with pytest.raises(CommandError, match="bukan gambar"):
        _publish("--village", jlodro.code, "--title", "Judul", "--summary", "Ringkas", "--image", str(fake))
    assert _counts(jlodro) == before


def test_an_image_type_wagtail_does_not_take_is_refused(jlodro, tmp_path):
    bitmap = tmp_path / "foto.bmp"
    PILImage.new("RGB", (20, 20)).save(bitmap)
    with pytest.raises(CommandError, match="bukan jenis gambar yang diterima"):
        _publish("--village", jlodro.code, "--title", "Judul", "--summary", "Ringkas", "--image", str(bitmap))
    assert _counts(jlodro) == (0, 0)


def test_unknown_village_is_refused(jlodro):
    with pytest.raises(CommandError, match="Desa dengan kode '35.23.99.9999' tidak ditemukan"):
        _publish("--village", "35.23.99.9999", "--title", "Judul", "--summary", "Ringkas")


@pytest.mark.parametrize("status", [Village.Status.SUSPENDED, Village.Status.ARCHIVED])
def test_closed_village_is_refused(jlodro, status):
    Village.objects.filter(code=jlodro.code).update(status=status)
    with pytest.raises(CommandError, match="tidak dapat diterbitkan"):
        _publish("--village", jlodro.code, "--title", "Judul", "--summary", "Ringkas")
    assert _counts(jlodro) == (0, 0)
