"""A village's life after provisioning: closing, reopening, new addresses, archive, purge, passwords."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from provisioning.services.archive import village_purge
from provisioning.services.lifecycle import (
    LifecycleError,
    village_admin_password_reset,
    village_archive,
    village_domain_add,
    village_last_change,
    village_resume,
    village_subdomain_change,
    village_suspend,
)
from tenants.models import Domain, Village

from ..factories import in_village, make_news_page, village_of

pytestmark = pytest.mark.django_db


def test_suspended_village_answers_503_and_resumed_one_serves_again(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    village_suspend(code=jlodro.code, actor="budi")
    assert client_for(jlodro.domain).get("/").status_code == 503
    village_resume(code=jlodro.code, actor="budi")
    assert client_for(jlodro.domain).get("/").status_code == 200


def test_suspending_twice_or_an_unknown_code_is_refused_in_indonesian(village_factory):
    jlodro = village_factory("Jlodro")
    village_suspend(code=jlodro.code, actor="budi")
    with pytest.raises(LifecycleError, match="sudah dinonaktifkan"):
        village_suspend(code=jlodro.code, actor="budi")
    with pytest.raises(LifecycleError, match="tidak ditemukan"):
        village_suspend(code="35.23.99.9999", actor="budi")


def test_new_subdomain_serves_and_old_address_answers_301_with_same_path(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    village_subdomain_change(code=jlodro.code, subdomain="jlodro-kenduruan", actor="budi")
    response = client_for(jlodro.domain).get("/berita/?halaman=2")
    assert response.status_code == 301
    assert response["Location"] == "http://jlodro-kenduruan.localhost/berita/?halaman=2"
    assert client_for("jlodro-kenduruan.localhost").get("/").status_code == 200
    village = village_of(jlodro)
    assert village.url == "http://jlodro-kenduruan.localhost"
    with in_village(jlodro):
        assert Site.objects.get(is_default_site=True).hostname == "jlodro-kenduruan.localhost"


def test_subdomain_of_another_village_cannot_be_taken(village_factory):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    with pytest.raises(LifecycleError, match="sudah dipakai Desa Wangi"):
        village_subdomain_change(code=jlodro.code, subdomain=wangi.domain.split(".")[0], actor="budi")
    with pytest.raises(LifecycleError, match="tidak valid"):
        village_subdomain_change(code=jlodro.code, subdomain="Jlodro Baru", actor="budi")


def test_custom_primary_domain_is_used_in_links_and_other_domains_redirect(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    make_news_page("Kerja bakti", village=jlodro, slug="kerja-bakti")
    village_domain_add(code=jlodro.code, domain="jlodro.desa.id", primary=True, actor="budi")

    redirected = client_for(jlodro.domain).get("/berita/kerja-bakti/?utm=wa")
    assert redirected.status_code == 301
    assert redirected["Location"] == "http://jlodro.desa.id/berita/kerja-bakti/?utm=wa"
    page = client_for("jlodro.desa.id").get("/berita/kerja-bakti/")
    assert page.status_code == 200
    assert "http://jlodro.desa.id/berita/kerja-bakti/" in page.text  # canonical link
    assert village_of(jlodro).url == "http://jlodro.desa.id"
    assert Domain.objects.filter(tenant__code=jlodro.code, is_primary=True).count() == 1


def test_secondary_custom_domain_redirects_to_the_primary(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    village_domain_add(code=jlodro.code, domain="www-lama.jlodro.id", actor="budi")
    response = client_for("www-lama.jlodro.id").get("/profil/")
    assert response.status_code == 301
    assert response["Location"] == f"http://{jlodro.domain}/profil/"


def test_domain_of_another_village_or_the_portal_is_refused(village_factory):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    with pytest.raises(LifecycleError, match="sudah dipakai"):
        village_domain_add(code=jlodro.code, domain=wangi.domain, actor="budi")
    with pytest.raises(LifecycleError, match="portal"):
        village_domain_add(code=jlodro.code, domain="localhost", actor="budi")
    with pytest.raises(LifecycleError, match="tidak valid"):
        village_domain_add(code=jlodro.code, domain="desa jlodro", actor="budi")


def test_archived_village_is_unreachable_on_every_domain_and_keeps_its_data(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    make_news_page("Kerja bakti", village=jlodro, slug="kerja-bakti")
    village_archive(code=jlodro.code, actor="budi")
    assert client_for(jlodro.domain).get("/").status_code == 404
    assert client_for(jlodro.domain).get("/admin/login/").status_code == 404
    with in_village(jlodro):
        from villageweb.news.models import NewsPage

        assert NewsPage.objects.filter(title="Kerja bakti").exists()
    village_resume(code=jlodro.code, actor="budi")
    assert client_for(jlodro.domain).get("/berita/kerja-bakti/").status_code == 200


def test_purge_is_refused_until_archived_and_exported_after_the_last_change(village_factory):
    jlodro = village_factory("Jlodro")
    with pytest.raises(LifecycleError, match="belum diarsipkan"):
        village_purge(code=jlodro.code, actor="budi")
    village_archive(code=jlodro.code, actor="budi")
    with pytest.raises(LifecycleError, match="export_village"):
        village_purge(code=jlodro.code, actor="budi")
    assert Village.objects.filter(code=jlodro.code).exists()


def test_last_change_follows_content_not_status(village_factory):
    jlodro = village_factory("Jlodro")
    before = village_last_change(village=village_of(jlodro))
    village_archive(code=jlodro.code, actor="budi")
    assert village_last_change(village=village_of(jlodro)) == before
    make_news_page("Berita baru", village=jlodro, slug="berita-baru")
    assert village_last_change(village=village_of(jlodro)) > before


def test_reset_admin_password_issues_a_one_time_password_that_must_be_changed(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    password = village_admin_password_reset(code=jlodro.code, actor="budi")
    assert password != jlodro.admin_password
    client = client_for(jlodro.domain)
    assert (
        client.post("/admin/login/", {"username": "admin", "password": jlodro.admin_password}).status_code
        == 200
    )
    assert client.post("/admin/login/", {"username": "admin", "password": password}).status_code == 302
    assert client.get("/admin/")["Location"] == "/admin/ganti-kata-sandi/"


def test_reset_for_unknown_user_is_refused(village_factory):
    jlodro = village_factory("Jlodro")
    with pytest.raises(LifecycleError, match="tidak ada"):
        village_admin_password_reset(code=jlodro.code, username="sekdes", actor="budi")
    with in_village(jlodro):
        assert get_user_model().objects.count() == 1
