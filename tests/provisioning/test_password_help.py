"""A village official who forgot the password (issue #27 item 3): village accounts have no e-mail, so
"Lupa kata sandi?" says whom to ask (Diskominfo's WhatsApp number and office hours from the regency
portal's own settings) instead of claiming a link was mailed, and Diskominfo makes a one-time set-up
link for that account with one click, audited, to pass on by WhatsApp."""

import re
from urllib.parse import unquote, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.models import Site

from provisioning.models import AuditEntry
from themes.models import VillageBranding

from ..factories import in_village, make_diskominfo_staff

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.fixture
def jlodro(platform, village_factory):
    return village_factory("Jlodro")


def test_forgotten_password_page_names_diskominfo_whatsapp_and_hours_and_sends_no_mail(
    jlodro, client_for, mailoutbox
):
    connection.set_schema_to_public()
    VillageBranding.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"whatsapp": "0812 3456 7890", "office_hours": "Senin–Jumat, 08.00–15.00 WIB"},
    )
    client = client_for(jlodro.domain, **ENGLISH)

    login = client.get("/admin/login/").text
    assert 'href="/admin/password_reset/"' in login
    page = client.get("/admin/password_reset/")
    assert page.status_code == 200
    text = page.text
    assert "tidak memakai surel" in text and "Diskominfo" in text
    assert "0812 3456 7890" in text and "Senin–Jumat, 08.00–15.00 WIB" in text
    link = re.search(r'href="(https://wa\.me/6281234567890\?text=[^"]+)"', text)
    assert link and "Desa Jlodro" in unquote(link.group(1))
    # Nothing to post, nothing mailed: a posted address is not taken as a request either.
    client.post("/admin/password_reset/", {"email": "admin@example.id"})
    assert mailoutbox == []


def test_forgotten_password_page_without_a_regency_number_points_at_the_handover_sheet(jlodro, client_for):
    text = client_for(jlodro.domain).get("/admin/password_reset/").text
    assert "lembar serah terima" in text and "wa.me" not in text


def test_diskominfo_makes_a_setup_link_in_one_click_audited_and_it_sets_the_password(jlodro, client_for):
    staff = client_for("localhost")
    staff.force_login(make_diskominfo_staff("budi"))
    detail = staff.get(f"/admin/desa/{jlodro.code}/").text
    assert f'action="/admin/desa/{jlodro.code}/setup-link/"' in detail

    issued = staff.post(
        f"/admin/desa/{jlodro.code}/setup-link/",
        {"username": "admin", "reason": "Lupa kata sandi; diminta lewat WhatsApp."},
    )

    assert issued.status_code == 200
    url = re.search(r'<code class="setup-link">([^<]+)</code>', issued.text).group(1)
    assert url.startswith(f"http://{jlodro.domain}") and "/akun/atur-kata-sandi/" in url
    assert "https://wa.me/?text=" in issued.text
    entry = AuditEntry.objects.get(village_code=jlodro.code, action=AuditEntry.Action.SETUP_LINK)
    assert entry.actor == "budi" and entry.detail == "admin" and entry.reason.startswith("Lupa kata sandi")

    official = client_for(jlodro.domain)
    path = urlsplit(url).path
    assert official.get(path).status_code == 200
    done = official.post(
        path, {"new_password1": "Kopi-Tubruk-Jlodro-9", "new_password2": "Kopi-Tubruk-Jlodro-9"}
    )
    assert done.status_code in (200, 302)
    with in_village(jlodro):
        assert get_user_model().objects.get(username="admin").check_password("Kopi-Tubruk-Jlodro-9")
