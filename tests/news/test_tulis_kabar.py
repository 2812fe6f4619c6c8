"""Tulis Kabar (/admin/tulis-kabar/): a contributor's news goes to review, an operator's may go live,
photos are shrunk and described, bad input leaves nothing behind, and the page stays light and
Indonesian."""

import datetime
import io
import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Revision

from themes.weight import BUDGET_BYTES, page_weight
from villageweb.accounts.roles import GROUP_CONTRIBUTOR, GROUP_OPERATOR
from villageweb.news.models import NewsCategory, NewsPage
from villageweb.portal.federation.models import FederatedNewsItem

from ..factories import VILLAGE_USER_PASSWORD, in_village, make_diskominfo_staff, make_village_user

pytestmark = pytest.mark.django_db
URL = "/admin/tulis-kabar/"
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.fixture
def jlodro(village_factory):
    return village_factory("Jlodro")


def _client(client_for, village, username, group):
    make_village_user(village, username, group)
    client = client_for(village.domain, **ENGLISH)
    response = client.post("/admin/login/", {"username": username, "password": VILLAGE_USER_PASSWORD})
    assert response.status_code == 302
    return client


def _photo(name="kerja-bakti.jpg", size=(3000, 2000), orientation=None, fmt="JPEG") -> SimpleUploadedFile:
    image = PILImage.new("RGB", size, (30, 120, 80))
    output = io.BytesIO()
    if orientation:
        exif = PILImage.Exif()
        exif[0x0112] = orientation
        image.save(output, format=fmt, exif=exif)
    else:
        image.save(output, format=fmt)
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def _form(**changes):
    data = {
        "title": "Kerja bakti saluran air Dusun Krajan",
        "date": timezone.localdate().isoformat(),
        "summary": "Warga Dusun Krajan membersihkan saluran air sebelum musim hujan.",
        "body": "Sebanyak 40 warga hadir.\n\nKepala desa menyediakan <script>alert(1)</script> konsumsi.",
        "action": "submit",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _media_files(village) -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / village.schema
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def _counts(village):
    with in_village(village):
        return NewsPage.objects.count(), Image.objects.count(), Revision.objects.count()


def test_contributor_and_operator_get_the_form_in_indonesian_with_an_english_browser(jlodro, client_for):
    contributor = _client(client_for, jlodro, "warsito", GROUP_CONTRIBUTOR)
    operator = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)

    page = contributor.get(URL)
    assert page.status_code == 200
    assert page["Content-Language"] == "id"
    html = page.text
    assert '<html lang="id">' in html
    assert "Tulis Kabar" in html and "Judul" in html and "Ringkasan" in html
    assert 'accept="image/*"' in html and "multiple" in html
    assert "Foto 1: Apa yang terlihat di foto ini?" in html
    today = timezone.localdate()
    assert (
        f'<option value="{today.month}" selected>' in html
        and f'<option value="{today.year}" selected>' in html
    )
    assert 'value="submit"' in html and "Kirim untuk ditinjau" in html
    assert "Terbitkan sekarang" not in html
    assert "wagtailadmin/js" not in html and "Save" not in html

    operator_html = operator.get(URL).text
    assert "Terbitkan sekarang" in operator_html and "Kirim untuk ditinjau" in operator_html

    dashboard = contributor.get("/admin/").text
    assert f'href="{URL}"' in dashboard  # the panel on top
    sidebar = dashboard.replace("&quot;", '"')
    assert re.search(
        r'"label": "Tulis Kabar", "icon_name": "edit", [^}]*\}, "url": "/admin/tulis-kabar/"', sidebar
    )
    assert "Ada kabar dari desa?" in dashboard


def test_contributor_photo_news_is_a_revision_waiting_for_review(jlodro, client_for):
    client = _client(client_for, jlodro, "warsito", GROUP_CONTRIBUTOR)
    # A portrait photo stored sideways by the phone's camera, EXIF orientation 6 (rotate 90°).
    photos = [_photo(size=(3200, 2400), orientation=6), _photo("kedua.png", size=(800, 600), fmt="PNG")]
    data = _form(alt_1="Warga mengangkat lumpur dari saluran", alt_2="Tumpukan karung berisi sampah")

    response = client.post(URL, {**data, "photos": photos})

    assert response.status_code == 302, response.text[:3000]
    with in_village(jlodro):
        page = NewsPage.objects.get(title=data["title"])
        assert not page.live and page.has_unpublished_changes
        assert page.get_latest_revision().user.username == "warsito"
        assert page.current_workflow_state.status == "in_progress"
        main = page.main_image
        assert main.description == "Warga mengangkat lumpur dari saluran"
        assert (main.width, main.height) == (1200, 1600)  # upright and at most 1600 px long
        [second] = [block.value for block in page.body if block.block_type == "image"]
        assert second.contextual_alt_text == "Tumpukan karung berisi sampah"
        paragraphs = "".join(str(block.value) for block in page.body if block.block_type == "paragraph")
        assert "&lt;script&gt;" in paragraphs and "<script>" not in paragraphs
    assert not FederatedNewsItem.objects.filter(title=data["title"]).exists()
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert "Kabar dikirim untuk ditinjau" in done.text
    assert (
        "Lihat draf" in done.text
        and "Buka di editor lengkap" in done.text
        and "Tulis kabar lagi" in done.text
    )
    # Not on the public site yet.
    assert data["title"] not in client_for(jlodro.domain).get("/berita/").text


def test_operator_publishes_directly_and_the_portal_lists_it(jlodro, client_for):
    with in_village(jlodro):
        category = NewsCategory.objects.create(name="Pembangunan")
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    data = _form(action="publish", categories=[str(category.pk)], alt_1="Jalan desa selesai dicor")

    response = client.post(URL, {**data, "photos": [_photo()]})

    assert response.status_code == 302, response.text[:3000]
    with in_village(jlodro):
        page = NewsPage.objects.get(title=data["title"])
        assert page.live and list(page.categories.all()) == [category]
    assert FederatedNewsItem.objects.filter(title=data["title"]).exists()
    assert data["title"] in client_for(jlodro.domain).get("/berita/").text
    assert data["title"] in client_for("localhost").get("/berita-desa/").text
    assert "Kabar sudah terbit" in client.get(response["Location"]).text


def test_contributor_cannot_publish_by_crafting_the_action(jlodro, client_for):
    client = _client(client_for, jlodro, "warsito", GROUP_CONTRIBUTOR)
    response = client.post(URL, _form(action="publish"))
    assert response.status_code == 200
    assert "Tindakan itu tidak tersedia untuk Anda" in response.text
    assert _counts(jlodro)[0] == 0


def test_news_dated_ahead_is_live_but_waits_for_its_date(jlodro, client_for):
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    ahead = timezone.localdate() + datetime.timedelta(days=3)
    data = _form(action="publish", date=ahead.isoformat())
    response = client.post(URL, data)
    assert response.status_code == 302
    assert "baru muncul di daftar berita dan portal kabupaten mulai" in client.get(response["Location"]).text
    assert data["title"] not in client_for(jlodro.domain).get("/berita/").text
    assert data["title"] not in client_for("localhost").get("/berita-desa/").text


@pytest.mark.parametrize(
    ("changes", "photo", "message"),
    [
        ({"title": "  "}, None, "Tulis judul berita."),
        ({"summary": ""}, None, "Tulis ringkasan satu atau dua kalimat."),
        ({"date": "kemarin"}, None, "Tanggal tidak dikenali"),
        ({"alt_1": "Foto"}, SimpleUploadedFile("bukan.jpg", b"bukan gambar", "image/jpeg"), "bukan gambar"),
        ({"alt_1": "Foto"}, "huge", "terlalu besar ukurannya"),
        ({}, "photo", "Tulis apa yang terlihat di foto 1"),
    ],
    ids=["no-title", "no-summary", "bad-date", "not-an-image", "huge-image", "no-alt-text"],
)
def test_bad_input_gives_an_indonesian_error_and_creates_nothing(
    jlodro, client_for, settings, changes, photo, message
):
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    if photo == "huge":  # a lower pixel limit than WAGTAILIMAGES_MAX_IMAGE_PIXELS spares the machine's memory
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 2_000_000
        photo = _photo("besar.png", size=(2000, 1500), fmt="PNG")
    elif photo == "photo":
        photo = _photo()
    before, files_before = _counts(jlodro), _media_files(jlodro)

    data = _form(action="publish", **changes)
    response = client.post(URL, {**data, "photos": [photo]} if photo else data)

    assert response.status_code == 200
    assert message in response.text
    assert "Ada isian yang perlu dibetulkan" in response.text
    assert 'aria-invalid="true"' in response.text
    assert "This field" not in response.text and "Enter a valid" not in response.text
    assert _counts(jlodro) == before
    assert _media_files(jlodro) == files_before


def test_photo_over_the_upload_size_is_refused_before_it_is_read(jlodro, client_for, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    response = client.post(URL, {**_form(action="publish", alt_1="Warga bekerja"), "photos": [_photo()]})
    assert response.status_code == 200
    assert "Foto 1 terlalu besar" in response.text
    assert _counts(jlodro)[0] == 0


def test_an_editor_who_chose_english_still_gets_tulis_kabar_in_indonesian(jlodro, client_for):
    from wagtail.users.models import UserProfile

    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    with in_village(jlodro):
        profile = UserProfile.get_for_user(get_user_model().objects.get(username="sumarni"))
        profile.preferred_language = "en"
        profile.save()
    assert "Dashboard" in client.get("/admin/").text  # the rest of the admin follows the choice
    response = client.post(URL, _form(title=""))
    assert response["Content-Language"] == "id"
    assert "Tulis judul berita." in response.text and "This field" not in response.text


def test_a_failure_after_the_photos_are_stored_leaves_no_image_and_no_file(jlodro, client_for, monkeypatch):
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    before, files_before = _counts(jlodro), _media_files(jlodro)

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(NewsPage, "save_revision", broken)
    with pytest.raises(RuntimeError):
        client.post(URL, {**_form(action="publish", alt_1="Warga bekerja"), "photos": [_photo()]})

    assert _counts(jlodro) == before
    assert _media_files(jlodro) == files_before


def test_anonymous_another_village_a_user_without_rights_and_the_portal_cannot_use_it(
    jlodro, village_factory, client_for
):
    other = village_factory("Tasikmadu")
    anonymous = client_for(jlodro.domain).get(URL)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")

    stranger = _client(client_for, other, "bejo", GROUP_OPERATOR)
    # Tasikmadu's session means nothing on Jlodro's host: back to Jlodro's log-in.
    stranger.defaults["HTTP_HOST"] = jlodro.domain
    assert stranger.get(URL).status_code == 302
    assert stranger.post(URL, _form(action="publish")).status_code == 302
    assert _counts(jlodro)[0] == 0

    no_rights = _client(client_for, jlodro, "tamu", None)
    refused = no_rights.get(URL)
    assert refused.status_code == 403
    assert "Anda tidak dapat menulis kabar di sini" in refused.text
    assert URL not in no_rights.get("/admin/").text

    # The portal has no village news to write into.
    make_diskominfo_staff("budi")
    portal = client_for("localhost")
    portal.post("/admin/login/", {"username": "budi", "password": "sandi-staf-123"})
    assert portal.get("/admin/").status_code == 200
    assert portal.get(URL).status_code == 404


def test_enter_in_a_field_saves_a_draft_and_never_publishes(jlodro, client_for):
    """Enter/Go on a phone's keyboard presses the form's first button, or sends no button at all."""
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    html = client.get(URL).text
    form = html[html.index("<form") :]
    first_button = re.search(r"<button[^>]*>", form).group(0)
    assert 'value="save"' in first_button, first_button
    assert form.index('name="submission_key"') > form.rindex("<button")  # the key comes last

    response = client.post(URL, _form(action=None))

    assert response.status_code == 302
    with in_village(jlodro):
        page = NewsPage.objects.get(title=_form()["title"])
        assert not page.live and page.current_workflow_state is None
    assert "Kabar tersimpan sebagai draf" in client.get(response["Location"]).text


def test_the_same_form_sent_twice_makes_one_news_item_with_its_photo(jlodro, client_for):
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    data = _form(action="save", alt_1="Warga bekerja")

    first = client.post(URL, {**data, "photos": [_photo()]})
    again = client.post(URL, {**data, "action": "publish", "photos": [_photo()]})

    assert first.status_code == again.status_code == 302
    assert again["Location"].startswith(first["Location"]) and "ulang=1" in again["Location"]
    with in_village(jlodro):
        page = NewsPage.objects.get(title=data["title"])
        assert not page.live  # the resend did not publish the draft
        assert page.main_image is not None and Image.objects.count() == 1
    assert "sudah tersimpan sebelumnya" in client.get(again["Location"]).text


def test_a_send_cut_off_by_a_lost_signal_saves_nothing_and_says_the_photo_is_missing(jlodro, client_for):
    """A lost signal cuts the form short: what comes after the photos (the button, the one-time
    key) never arrives. Nothing is saved, and the page says plainly that the photo must be chosen again."""
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    before = _counts(jlodro)

    response = client.post(URL, _form(action=None, submission_key=None, alt_1="Warga bekerja"))

    assert response.status_code == 200
    assert "Kiriman tidak sampai utuh" in response.text and "pilih foto lagi" in response.text
    assert _counts(jlodro) == before
    key = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', response.text)
    assert key, "the page gives a fresh key for the next send"


def test_date_reads_day_month_year_in_indonesian_on_an_english_phone(jlodro, client_for):
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    html = client.get(URL).text
    assert 'type="date"' not in html  # the browser's own field follows the phone: 12/07/2026
    parts = [html.index(f'name="date_{part}"') for part in ("day", "month", "year")]
    assert parts == sorted(parts)
    assert ">Desember</option>" in html and ">December</option>" not in html
    assert "<legend>Tanggal" in html and ">Hari</label>" in html and ">Bulan</label>" in html

    response = client.post(
        URL,
        {
            **_form(action="save", date=None),
            "date_day": "7",
            "date_month": "12",
            "date_year": str(timezone.localdate().year),
        },
    )
    assert response.status_code == 302
    with in_village(jlodro):
        assert NewsPage.objects.get().date == datetime.date(timezone.localdate().year, 12, 7)

    impossible = client.post(
        URL,
        {
            **_form(action="save", date=None),
            "date_day": "31",
            "date_month": "4",
            "date_year": str(timezone.localdate().year),
        },
    )
    assert "Tanggal tidak dikenali" in impossible.text


def test_a_title_too_long_is_refused_with_its_length_not_cut_by_the_browser(jlodro, client_for):
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', client.get(URL).text).group(0)
    assert "maxlength" not in title_input

    response = client.post(URL, _form(action="save", title="Kerja bakti " * 25))

    assert response.status_code == 200
    assert "Judul terlalu panjang: 299 karakter, paling banyak 255. Persingkat." in response.text
    assert _counts(jlodro)[0] == 0


def test_page_fits_the_phone_budget_without_the_admin_bundle(jlodro, client_for):
    client = _client(client_for, jlodro, "sumarni", GROUP_OPERATOR)
    empty = client.get(URL)
    with_errors = client.post(URL, _form(title=""))
    for response in (empty, with_errors):
        weight = page_weight(response.text)
        assert weight.total_bytes <= BUDGET_BYTES, f"{weight.total_bytes} bytes > {BUDGET_BYTES}"
        assert weight.css_bytes > 0
        assert "wagtailadmin" not in response.text
