"""OPD and kecamatan sites: tenants of their own kinds beside desa and kelurahan, provisioned by
`provision_village --kind opd|kecamatan` and by Diskominfo's admin, with their own subdomain,
editors and pages, and their news on the portal like a village's."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_context, schema_exists
from wagtail.models import Page

from tenants.models import Village
from villageweb.news.models import NewsIndexPage, NewsPage
from villageweb.portal.federation.models import FederatedNewsItem
from villageweb.village.models import HomePage

from ..factories import make_diskominfo_staff, make_village

pytestmark = pytest.mark.django_db

JSON_KEYS = {"code", "schema", "domain", "url", "admin_url", "admin_username", "admin_password"}


def provision(*args) -> dict:
    out = StringIO()
    call_command("provision_village", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_opd_site_has_its_own_code_scheme_subdomain_and_pages(platform, client_for):
    result = provision("--kind", "opd", "--code", "opd.dinkes", "--name", "Dinas Kesehatan")
    assert set(result) == JSON_KEYS
    assert (result["code"], result["schema"], result["domain"]) == (
        "OPD.DINKES",
        "opd_dinkes",
        "dinkes.localhost",
    )
    opd = Village.objects.get(code="OPD.DINKES")
    assert (opd.kind, opd.district_code, opd.display_name, opd.is_site, opd.is_village) == (
        "opd",
        "",
        "Dinas Kesehatan",
        True,
        False,
    )
    with schema_context(opd.schema_name):
        slugs = set(Page.objects.values_list("slug", flat=True))
        assert {"layanan", "berita", "kontak", "profil"} <= slugs
        assert not slugs & {"bpd", "lembaga", "potensi", "apbdes"}
        assert HomePage.objects.get().title == "Dinas Kesehatan"
    page = client_for("dinkes.localhost").get("/")
    assert page.status_code == 200 and "Selamat datang di situs resmi Dinas Kesehatan" in page.text
    login = client_for("dinkes.localhost").post(
        "/admin/login/", {"username": "admin", "password": result["admin_password"]}
    )
    assert login.status_code == 302


def test_kecamatan_site_uses_its_kemendagri_code(platform):
    result = provision("--kind", "kecamatan", "--code", "35.23.12", "--name", "Jenu")
    assert (result["schema"], result["domain"]) == ("kecamatan_352312", "kecamatan-jenu.localhost")
    kecamatan = Village.objects.get(code="35.23.12")
    assert (kecamatan.display_name, kecamatan.district_code, kecamatan.district_name) == (
        "Kecamatan Jenu",
        "35.23.12",
        "Jenu",
    )
    assert kecamatan in Village.objects.villages() and kecamatan not in Village.objects.real_villages()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "opd", "--code", "DINKES", "--name", "Dinas Kesehatan"], "Kode OPD 'DINKES' tidak valid"),
        (["--kind", "kecamatan", "--code", "35.23.12.2001", "--name", "Jenu"], "Kode kecamatan"),
        (["--kind", "kecamatan", "--code", "35.99.12", "--name", "Jenu"], "bukan wilayah"),
        (["--code", "35.23.12.2001", "--name", "Jenu"], "Nama kecamatan tidak boleh kosong"),
    ],
)
def test_bad_provider_input_is_refused_in_indonesian_and_leaves_nothing(platform, args, message):
    before = Village.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("provision_village", *args)
    assert Village.objects.count() == before
    assert not schema_exists("opd_dinkes")


def test_opd_news_is_federated_like_a_village(platform):
    result = make_village("Dinas Kependudukan dan Pencatatan Sipil", code="OPD.DUKCAPIL", kind="opd")
    assert result.domain == "dukcapil.localhost"
    opd = Village.objects.get(code="OPD.DUKCAPIL")
    with schema_context(opd.schema_name):
        index = NewsIndexPage.objects.get()
        page = index.add_child(
            instance=NewsPage(
                title="Perekaman KTP-el keliling",
                slug="ktp-keliling",
                summary="Jadwal perekaman.",
                date=datetime.date(2026, 12, 1),
            )
        )
        page.save_revision().publish()
    assert FederatedNewsItem.objects.filter(village=opd, title="Perekaman KTP-el keliling").exists()


def test_diskominfo_creates_an_opd_site_in_the_admin(platform, client_for):
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff())
    response = client.post(
        "/admin/desa/baru/",
        {
            "code": "OPD.RSUD",
            "name": "RSUD dr. R. Koesma",
            "district_name": "",
            "kind": "opd",
            "subdomain": "",
        },
    )
    assert response.status_code == 200, response.content[:500]
    assert Village.objects.filter(code="OPD.RSUD", kind="opd").exists()
