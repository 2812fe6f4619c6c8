"""A village superuser, on their own village's host, cannot reach anything that lives only in public.

Village admins can tick "Administrator" for themselves, so every attempt here is made as a superuser
of the village schema: listings, add, edit, delete, copy, history, choosers, bulk actions, the settings
edit of the regency theme and Diskominfo's own screens all answer 404/403 and change nothing.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.urls import reverse
from django.utils import timezone

from provisioning.models import VillageExport
from tenants import checks as tenant_checks
from tenants.isolation import PublicOnlyPermissionPolicy, public_only_app_labels
from tenants.models import Village
from themes.regency.models import RegencyTheme
from villageweb.portal.federation.models import FederatedNewsItem, RegencyAnnouncement

from ..factories import in_village, login_as

pytestmark = pytest.mark.django_db

REFUSED = (403, 404)


@pytest.fixture
def attacker(village_factory, client_for):
    """A village superuser logged in on their own host, and public rows they must not touch."""
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        get_user_model().objects.filter(username="admin").update(is_superuser=True, is_staff=True)
    theme = RegencyTheme.load()
    theme.default_theme, theme.locked = "klasik", False
    theme.save()
    item = FederatedNewsItem.objects.create(
        village=Village.objects.get(code=jlodro.code),
        source_page_id=1,
        title="Berita desa lain",
        path="/berita/lain/",
        date=datetime.date(2026, 11, 1),
        first_published_at=timezone.now(),
        last_published_at=timezone.now(),
    )
    announcement = RegencyAnnouncement.objects.create(
        title="Pengumuman Bupati",
        body="<p>Isi</p>",
        start_date=datetime.date(2026, 11, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    client = login_as(client_for(jlodro.domain), jlodro)
    return client, jlodro, theme, item, announcement


def _snippet_urls(model, pk):
    label = f"{model._meta.app_label}_{model._meta.model_name}"
    urls = [reverse(f"wagtailsnippets_{label}:{name}") for name in ("list", "list_results", "add")]
    urls += [
        reverse(f"wagtailsnippets_{label}:{name}", args=[pk])
        for name in ("edit", "delete", "usage", "history", "copy")
    ]
    chooser = f"wagtailsnippetchoosers_{label}"
    urls += [reverse(f"{chooser}:choose"), reverse(f"{chooser}:choose_results")]
    urls += [reverse(f"{chooser}:chosen", args=[pk]), reverse(f"{chooser}:create")]
    return urls


def test_village_superuser_cannot_open_or_save_the_regency_theme(attacker):
    client, _, theme, _, _ = attacker
    for url in (
        "/admin/settings/themes_regency/regencytheme/",
        f"/admin/settings/themes_regency/regencytheme/{theme.pk}/",
        f"/admin/settings/themes_regency/regencytheme/{theme.pk}/preview/",
    ):
        assert client.get(url).status_code in REFUSED, url
    response = client.post(
        f"/admin/settings/themes_regency/regencytheme/{theme.pk}/",
        {"default_theme": "pesisir", "locked": "on"},
    )
    assert response.status_code in REFUSED
    theme.refresh_from_db()
    assert (theme.default_theme, theme.locked) == ("klasik", False)


@pytest.mark.parametrize("model", [FederatedNewsItem, RegencyAnnouncement])
def test_village_superuser_reaches_no_screen_of_portal_snippets(attacker, model):
    client, _, _, item, announcement = attacker
    row = item if model is FederatedNewsItem else announcement
    for url in _snippet_urls(model, row.pk):
        response = client.get(url)
        assert response.status_code in REFUSED, (url, response.status_code)
        # The 404 page of a village shows current regency announcements to everyone, by design.
        assert model is RegencyAnnouncement or row.title not in response.text


def test_village_superuser_cannot_moderate_delete_or_bulk_delete_portal_rows(attacker):
    client, _, _, item, announcement = attacker
    moderate = reverse("wagtailsnippets_federation_federatednewsitem:edit", args=[item.pk])
    assert (
        client.post(moderate, {"hidden": "on", "hidden_reason": "x", "pinned": "on"}).status_code in REFUSED
    )
    delete = reverse("wagtailsnippets_federation_regencyannouncement:delete", args=[announcement.pk])
    assert client.post(delete).status_code in REFUSED
    add = reverse("wagtailsnippets_federation_regencyannouncement:add")
    response = client.post(
        add, {"title": "Palsu", "body": "<p>x</p>", "start_date": "2026-11-01", "end_date": "2026-12-01"}
    )
    assert response.status_code in REFUSED
    for model, row in ((FederatedNewsItem, item), (RegencyAnnouncement, announcement)):
        url = f"/admin/bulk/{model._meta.app_label}/{model._meta.model_name}/delete/?id={row.pk}"
        assert client.get(url).status_code in REFUSED, url
        assert client.post(url).status_code in REFUSED, url
    item.refresh_from_db()
    assert (item.hidden, item.pinned) == (False, False)
    assert list(RegencyAnnouncement.objects.values_list("title", flat=True)) == ["Pengumuman Bupati"]


def test_village_superuser_cannot_open_diskominfo_screens(attacker):
    client, jlodro, _, _, _ = attacker
    VillageExport.objects.create(
        code=jlodro.code,
        schema_name=jlodro.schema,
        path="x",
        sha256="0" * 64,
        size_bytes=1,
        created_at=timezone.now(),
    )
    for url in ("/admin/desa/", "/admin/desa/baru/", "/admin/desa/kesehatan/", f"/admin/desa/{jlodro.code}/"):
        assert client.get(url).status_code in REFUSED, url
    assert client.post(f"/admin/desa/{jlodro.code}/suspend/").status_code in REFUSED
    assert Village.objects.get(code=jlodro.code).status == Village.Status.ACTIVE


def test_village_admin_menus_and_snippet_index_list_no_public_only_model(attacker):
    client, _, _, item, announcement = attacker
    dashboard = client.get("/admin/").text
    for label in ("Moderasi berita desa", "Pengumuman Kabupaten", "Tema kabupaten", "Daftar desa"):
        assert label not in dashboard
    response = client.get("/admin/snippets/")
    assert "federatednewsitem" not in response.text and "regencyannouncement" not in response.text
    search = client.get("/admin/pages/search/", {"q": item.title})
    assert search.status_code == 200
    assert "federatednewsitem" not in search.text and item.path not in search.text


def test_diskominfo_still_reaches_every_portal_screen(platform, client_for):
    get_user_model().objects.create_superuser("diskominfo", password="rahasia-123")
    client = client_for("localhost")
    client.post("/admin/login/", {"username": "diskominfo", "password": "rahasia-123"})
    theme = RegencyTheme.load()
    assert client.get(f"/admin/settings/themes_regency/regencytheme/{theme.pk}/").status_code == 200
    assert client.get(reverse("wagtailsnippets_federation_regencyannouncement:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_federation_federatednewsitem:list")).status_code == 200
    assert "Pengumuman Kabupaten" in client.get("/admin/").text


def test_village_only_screens_are_closed_on_the_portal(platform, client_for):
    get_user_model().objects.create_superuser("diskominfo", password="rahasia-123")
    client = client_for("localhost")
    client.post("/admin/login/", {"username": "diskominfo", "password": "rahasia-123"})
    assert client.get(reverse("support_access_report")).status_code == 404
    dashboard = client.get("/admin/").text
    assert "Akses Dukungan Diskominfo" not in dashboard
    # Village-only models of apps in both lists (settings.VILLAGEWEB_VILLAGE_ONLY_MODELS).
    for label in ("village_legalproduct", "village_publicinformation"):
        assert client.get(reverse(f"wagtailsnippets_{label}:list")).status_code == 404
        assert client.get(reverse(f"wagtailsnippets_{label}:add")).status_code == 404
    assert "Produk hukum" not in dashboard and "Informasi publik" not in dashboard


def test_public_only_apps_are_derived_from_settings(settings):
    assert {"tenants", "provisioning", "federation", "themes_regency"} <= public_only_app_labels()


def test_every_public_only_admin_model_goes_through_the_gate_policy():
    assert [e for e in tenant_checks.public_only_admin_check(None) if e.level >= checks.ERROR] == []
    registered = {m._meta.label for m in tenant_checks.admin_registered_models()}
    assert {"federation.FederatedNewsItem", "themes_regency.RegencyTheme"} <= registered


def test_check_fails_for_a_public_only_model_registered_without_the_policy(monkeypatch):
    monkeypatch.setattr(tenant_checks, "admin_registered_models", lambda: {VillageExport})
    errors = tenant_checks.public_only_admin_check(None)
    assert [e.id for e in errors] == ["villageweb.E011"]
    assert "provisioning.VillageExport" in errors[0].msg


def test_the_policy_refuses_a_village_superuser_every_permission_question(village_factory):
    jlodro = village_factory("Jlodro")
    policy = PublicOnlyPermissionPolicy(RegencyAnnouncement)
    with in_village(jlodro):
        admin = get_user_model().objects.get(username="admin")
        admin.is_superuser = True
        assert not policy.user_has_permission(admin, "change")
        assert not policy.user_has_any_permission(admin, ["add", "change", "delete", "view"])
        assert not policy.user_has_permission_for_instance(admin, "change", RegencyAnnouncement())
        assert not policy.instances_user_has_any_permission_for(admin, ["change"]).exists()
        assert not policy.users_with_any_permission(["change"]).exists()
