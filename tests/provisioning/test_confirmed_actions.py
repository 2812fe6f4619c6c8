"""Suspending, archiving, renaming and resetting a password from Diskominfo's admin: each asks for
confirmation on its own page with a required reason, which the audit log keeps and both sides read;
the buttons live in a danger section apart from the support log-in."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection

from provisioning.models import AuditEntry
from tenants.models import Domain, Village

from ..factories import admin_client_for, in_village, make_diskominfo_staff, village_of

pytestmark = pytest.mark.django_db

A = AuditEntry.Action
# action in the URL -> (extra fields it needs, the audit action it records)
ACTIONS = {
    "suspend": ({}, A.SUSPEND),
    "archive": ({}, A.ARCHIVE),
    "rename": ({"subdomain": "jlodro-baru"}, A.RENAME),
    "reset-password": ({"username": "admin"}, A.PASSWORD_RESET),
}


@pytest.fixture
def staff_client(platform, client_for):
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff())
    return client


def _state(result) -> tuple:
    """What any of the four actions would change: status, primary domain, the admin's password."""
    village = village_of(result)
    primary = Domain.objects.get(tenant=village, is_primary=True).domain
    with in_village(result):
        password = get_user_model().objects.get(username="admin").password
    connection.set_schema_to_public()
    return village.status, primary, password


@pytest.mark.parametrize("action", ACTIONS)
def test_a_visit_only_shows_the_confirmation_and_changes_nothing(action, staff_client, village_factory):
    jlodro = village_factory("Jlodro")
    before = _state(jlodro)
    page = staff_client.get(f"/admin/desa/{jlodro.code}/{action}/?subdomain=jlodro-baru&reason=palsu")
    assert page.status_code == 200
    assert "Alasan" in page.text and "Batal" in page.text and "Konfirmasi" in page.text
    form = BeautifulSoup(page.text, "html.parser").find("form", method="post")
    assert form.find("textarea", attrs={"name": "reason"}).text.strip() == ""  # never prefilled
    assert _state(jlodro) == before
    assert (
        not AuditEntry.objects.filter(village_code=jlodro.code)
        .exclude(action=AuditEntry.Action.PROVISION)
        .exists()
    )


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("reason", [None, "", "   \n "])
def test_the_action_is_refused_without_a_reason(action, reason, staff_client, village_factory):
    jlodro = village_factory("Jlodro")
    before = _state(jlodro)
    data = dict(ACTIONS[action][0])
    if reason is not None:
        data["reason"] = reason
    response = staff_client.post(f"/admin/desa/{jlodro.code}/{action}/", data)
    assert response.status_code == 400
    assert "Tuliskan alasannya: tindakan ini tidak dijalankan tanpa alasan." in response.text
    assert _state(jlodro) == before
    assert (
        not AuditEntry.objects.filter(village_code=jlodro.code)
        .exclude(action=AuditEntry.Action.PROVISION)
        .exists()
    )


@pytest.mark.parametrize("action", ACTIONS)
def test_the_action_with_a_reason_is_done_and_the_reason_recorded(
    action, staff_client, village_factory, client_for
):
    jlodro = village_factory("Jlodro")
    before = _state(jlodro)
    fields, audit_action = ACTIONS[action]
    reason = f"Surat Kepala Desa no. 12/2026 ({action})"
    response = staff_client.post(f"/admin/desa/{jlodro.code}/{action}/", {**fields, "reason": reason})

    after = _state(jlodro)
    if action == "suspend":
        assert after[0] == Village.Status.SUSPENDED
        assert client_for(jlodro.domain).get("/").status_code == 503
    elif action == "archive":
        assert after[0] == Village.Status.ARCHIVED
    elif action == "rename":
        assert after[1] == "jlodro-baru.localhost"
    else:
        assert after[2] != before[2]
        password = re.search(r"<strong>(\w{14})</strong>", response.text).group(1)
        login = client_for(jlodro.domain).post("/admin/login/", {"username": "admin", "password": password})
        assert login.status_code == 302
    (entry,) = AuditEntry.objects.filter(village_code=jlodro.code).exclude(action=AuditEntry.Action.PROVISION)
    assert (entry.action, entry.actor, entry.reason) == (audit_action, "budi", reason)


def test_the_reason_is_shown_on_both_sides_of_the_audit_log(staff_client, village_factory):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        get_user_model().objects.create_user(username="sekdes", password="sandi-sekdes-123")
    connection.set_schema_to_public()
    staff_client.post(
        f"/admin/desa/{jlodro.code}/reset-password/",
        {"username": "sekdes", "reason": "Operator lama pindah tugas"},
    )
    assert "Alasan: Operator lama pindah tugas" in staff_client.get(f"/admin/desa/{jlodro.code}/").text

    report = admin_client_for(jlodro).get("/admin/log-tindakan-diskominfo/")
    assert report.status_code == 200
    cells = [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in BeautifulSoup(report.text, "html.parser").select("table.listing tbody tr")
    ]
    assert [cells[0][1], cells[0][3], cells[0][4]] == [
        "Kata sandi sekali pakai diterbitkan",
        "sekdes",
        "Operator lama pindah tugas",
    ]


def test_a_refused_step_keeps_the_reason_and_records_nothing(staff_client, village_factory):
    jlodro = village_factory("Jlodro")
    village_factory("Wangi")
    response = staff_client.post(
        f"/admin/desa/{jlodro.code}/rename/", {"subdomain": "wangi", "reason": "Permintaan desa"}
    )
    assert response.status_code == 400 and "sudah dipakai Desa Wangi" in response.text
    assert "Permintaan desa" in response.text  # the form comes back filled in
    assert (
        not AuditEntry.objects.filter(village_code=jlodro.code)
        .exclude(action=AuditEntry.Action.PROVISION)
        .exists()
    )


def test_destructive_buttons_stand_apart_from_the_support_log_in(staff_client, village_factory):
    jlodro = village_factory("Jlodro")
    html = BeautifulSoup(staff_client.get(f"/admin/desa/{jlodro.code}/").text, "html.parser")
    danger = html.find("section", id="zona-berbahaya")
    assert "danger-zone" in danger["class"] and danger.find("h2").text == "Zona berbahaya"
    support_button = html.find("button", string=re.compile("Masuk sebagai dukungan"))
    support_section = support_button.find_parent("section")
    assert support_section is not None and support_section is not danger
    assert danger not in support_button.parents
    # Every destructive step is reached only from inside the danger section, styled as serious.
    targets = {
        action: [
            element
            for element in html.find_all(["a", "form"])
            if (element.get("href") or element.get("action") or "").endswith(f"/{action}/")
        ]
        for action in ACTIONS
    }
    for action, elements in targets.items():
        assert elements, action
        for element in elements:
            assert danger in element.parents, action
            button = element if element.name == "a" else element.find("button")
            assert "no" in button["class"], action
    # The two sections are not next to each other: the domains, everyday steps and logs lie between.
    headings_between = [
        heading.text
        for heading in support_section.find_all_next("h2")
        if danger in heading.find_all_next("section")
    ]
    assert {"Domain", "Tindakan", "Log tindakan"} <= set(headings_between)
