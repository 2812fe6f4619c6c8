"""A village chooses its own theme and colours; the choice touches no other village."""

import re

import pytest
from wagtail.models import Site

from themes.models import VillageBranding

from ..factories import in_village, login_as
from .helpers import branding_set, regency_theme_set, stylesheet_of

pytestmark = pytest.mark.django_db


def test_switching_one_village_theme_leaves_the_other_village_unchanged(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    assert stylesheet_of(client_for(jlodro.domain).get("/")) == "klasik"

    branding_set(jlodro, theme="pesisir")

    jlodro_page = client_for(jlodro.domain).get("/")
    assert stylesheet_of(jlodro_page) == "pesisir"
    assert 'class="tema-pesisir' in jlodro_page.text
    assert stylesheet_of(client_for(wangi.domain).get("/")) == "klasik"
    with in_village(wangi):
        assert VillageBranding.objects.get().theme == "klasik"


def test_new_village_starts_in_the_regency_default_theme_and_old_ones_keep_theirs(
    village_factory, client_for
):
    jlodro = village_factory("Jlodro")
    regency_theme_set(default_theme="modern")
    wangi = village_factory("Wangi")
    with in_village(wangi):
        assert VillageBranding.objects.get().theme == "modern"
    assert stylesheet_of(client_for(wangi.domain).get("/")) == "modern"
    assert stylesheet_of(client_for(jlodro.domain).get("/")) == "klasik"


def test_primary_colour_is_set_inline_with_readable_text_colours(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    branding_set(jlodro, primary_colour="#F2C230")
    text = client_for(jlodro.domain).get("/").text
    assert "--primary:#f2c230;--on-primary:#1a1a1a;--primary-text:#1a1a1a" in text
    assert "--primary:" not in client_for(wangi.domain).get("/").text


def test_contact_details_and_social_links_appear_in_the_footer(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    branding_set(
        jlodro,
        address="Jl. Raya Jlodro 1",
        office_hours="Senin–Jumat 08.00–15.00",
        phone="(0356) 321000",
        whatsapp="0812 3456 7890",
        instagram_url="https://instagram.com/desajlodro",
        footer_text="Desa Jlodro bersatu.",
    )
    text = client_for(jlodro.domain).get("/").text
    assert "Jl. Raya Jlodro 1" in text and "Senin–Jumat 08.00–15.00" in text
    assert 'href="tel:0356321000"' in text
    assert 'href="https://wa.me/6281234567890?text=Halo%2C%20saya%20ingin' in text
    assert 'href="https://instagram.com/desajlodro"' in text
    assert "Desa Jlodro bersatu." in text


def _branding_form_data(**overrides) -> dict:
    data = {
        field: ""
        for field in [
            "theme",
            "primary_colour",
            "address",
            "office_hours",
            "phone",
            "whatsapp",
            "email",
            "facebook_url",
            "instagram_url",
            "youtube_url",
            "tiktok_url",
            "x_url",
            "footer_text",
        ]
    }
    data.update(overrides)
    return data


def _branding_edit_url(village) -> str:
    with in_village(village):
        return f"/admin/settings/themes/villagebranding/{Site.objects.get(is_default_site=True).pk}/"


def test_village_admin_is_told_in_indonesian_why_a_colour_is_refused(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = login_as(client_for(jlodro.domain), jlodro)
    response = client.post(
        _branding_edit_url(jlodro), _branding_form_data(theme="modern", primary_colour="#777777")
    )
    assert response.status_code == 200
    assert "Warna #777777 tidak dapat dipakai sebagai warna utama" in response.text
    with in_village(jlodro):
        assert VillageBranding.objects.get().primary_colour == ""


def test_village_admin_saves_theme_and_colour_in_the_admin(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = login_as(client_for(jlodro.domain), jlodro)
    response = client.post(
        _branding_edit_url(jlodro), _branding_form_data(theme="pesisir", primary_colour="#0b5f73")
    )
    assert response.status_code == 302
    with in_village(jlodro):
        branding = VillageBranding.objects.get()
        assert (branding.theme, branding.primary_colour) == ("pesisir", "#0b5f73")


def test_contact_details_have_one_home_shown_on_footer_home_and_contact_page(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = login_as(client_for(jlodro.domain), jlodro)
    response = client.post(
        _branding_edit_url(jlodro),
        _branding_form_data(theme="klasik", address="Jl. Balai Desa 7, Jlodro", whatsapp="0812 9999 0000"),
    )
    assert response.status_code == 302
    public = client_for(jlodro.domain)
    for path in ("/", "/kontak/"):
        text = public.get(path).text
        # The page's details and the footer (structured data, read by machines, is not counted).
        shown = re.sub(r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.S)
        assert shown.count("Jl. Balai Desa 7, Jlodro") == 2, path
        assert "https://wa.me/6281299990000?text=" in text
    with in_village(jlodro):
        from villageweb.village.models import ContactPage

        contact_id = ContactPage.objects.get().pk
    editor = client.get(f"/admin/pages/{contact_id}/edit/").text
    assert "Pengaturan › Identitas dan tampilan situs" in editor and "Jl. Balai Desa 7, Jlodro" in editor


def test_village_admin_is_told_in_indonesian_why_a_whatsapp_number_is_refused(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = login_as(client_for(jlodro.domain), jlodro)
    response = client.post(_branding_edit_url(jlodro), _branding_form_data(theme="klasik", whatsapp="12345"))
    assert response.status_code == 200
    assert "Nomor WhatsApp tidak valid" in response.text
