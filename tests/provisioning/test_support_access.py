"""Diskominfo's one-click support log-in: single use, time-limited, and visible to the village admin."""

import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from provisioning.models import SupportGrant
from provisioning.support.models import SupportAccessLog
from provisioning.support.services import SUPPORT_USERNAME

from ..factories import in_village, login_as, make_diskominfo_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(platform, client_for):
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff("budi"))
    return client


def _support_link(staff_client, result) -> str:
    response = staff_client.post(f"/admin/desa/{result.code}/support/")
    assert response.status_code == 302
    link = urlparse(response["Location"])
    assert link.netloc == result.domain and link.path == "/dukungan-diskominfo/masuk/"
    return f"{link.path}?{link.query}"


def _village_admin(client_for, result):
    return login_as(client_for(result.domain), result)


def test_staff_enters_the_village_admin_as_the_support_user_for_30_minutes(
    staff_client, village_factory, client_for
):
    jlodro = village_factory("Jlodro")
    link = _support_link(staff_client, jlodro)

    village = client_for(jlodro.domain)
    entered = village.get(link)
    assert entered.status_code == 302 and entered["Location"] == "/admin/"
    assert village.get("/admin/").status_code == 200
    assert 0 < village.session.get_expiry_age() <= 30 * 60
    with in_village(jlodro):
        entry = SupportAccessLog.objects.get()
        assert entry.staff_username == "budi"
        assert timedelta(minutes=29) < entry.expires_at - entry.started_at <= timedelta(minutes=30)
        support = get_user_model().objects.get(username=SUPPORT_USERNAME)
        assert not support.has_usable_password()


def test_support_link_works_once(staff_client, village_factory, client_for):
    jlodro = village_factory("Jlodro")
    link = _support_link(staff_client, jlodro)
    assert client_for(jlodro.domain).get(link).status_code == 302
    again = client_for(jlodro.domain).get(link)
    assert again.status_code == 403 and "sudah dipakai" in again.text


def test_support_link_of_one_village_does_not_open_another(staff_client, village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    link = _support_link(staff_client, jlodro)
    response = client_for(wangi.domain).get(link)
    assert response.status_code == 403 and "bukan untuk desa ini" in response.text
    assert client_for(wangi.domain).get("/admin/").status_code == 302  # still anonymous


def test_tampered_or_expired_support_links_are_refused(staff_client, village_factory, client_for):
    jlodro = village_factory("Jlodro")
    link = _support_link(staff_client, jlodro)
    assert client_for(jlodro.domain).get(link + "x").status_code == 403
    SupportGrant.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = client_for(jlodro.domain).get(link)
    assert expired.status_code == 403 and "sudah berakhir" in expired.text


def test_village_admin_sees_who_from_diskominfo_entered_and_when(staff_client, village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client_for(jlodro.domain).get(_support_link(staff_client, jlodro))

    admin = _village_admin(client_for, jlodro)
    assert (
        "Akses Dukungan Diskominfo" in admin.get("/admin/reports/").text
        or "Akses Dukungan Diskominfo" in admin.get("/admin/").text
    )
    report = admin.get("/admin/akses-dukungan/")
    assert report.status_code == 200
    assert "budi" in report.text and "dukungan-diskominfo" in report.text


def test_support_report_is_not_served_on_the_portal(staff_client):
    assert staff_client.get("/admin/akses-dukungan/").status_code == 404


def test_support_session_shows_a_banner_with_the_village_and_its_end(
    staff_client, village_factory, client_for
):
    jlodro = village_factory("Jlodro")
    link = _support_link(staff_client, jlodro)
    village = client_for(jlodro.domain)
    assert village.get(link).status_code == 302

    until = timezone.localtime(village.session.get_expiry_date())
    for path in ("/admin/", "/admin/pages/"):
        html = village.get(path).content.decode()
        assert html.count('class="admin-banner"') == 1
        assert "Sesi dukungan Diskominfo (petugas budi)" in html
        assert "Desa Jlodro" in html
        assert f"pukul {until:%H.%M} WIB" in html
        assert "30 menit, berlaku sampai" in html
        left = re.search(r"\(sisa (\d+) menit\)", html)
        assert left and 29 <= int(left.group(1)) <= 30
        assert "support/admin_banner.css" in html
    # The dashboard greets with the village's name, not the portal's (the support user is a superuser).
    dashboard = village.get("/admin/").content.decode()
    assert re.search(r"<h1[^>]*>\s*Desa Jlodro\s*</h1>", dashboard) and "Portal Desa" not in dashboard

    # The village's own admin works without it.
    own = _village_admin(client_for, jlodro).get("/admin/").content.decode()
    assert 'class="admin-banner"' not in own
