"""`provision_village`: the JSON contract, the derived subdomains, and errors that leave nothing behind."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django_tenants.utils import schema_context, schema_exists
from wagtail.models import Site

from tenants.models import Domain, Village
from villageweb.village.models import HomePage

from ..factories import subprocess_env

pytestmark = pytest.mark.django_db

JSON_KEYS = {"code", "schema", "domain", "url", "admin_url", "admin_username", "admin_password"}


def provision(*args) -> dict:
    out = StringIO()
    call_command("provision_village", *args, "--json", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1, "--json prints exactly one JSON object"
    return json.loads(lines[0])


def test_json_contract_and_village_site(platform, client_for):
    result = provision("--code", "35.23.01.2001", "--name", "Jlodro", "--district", "Kenduruan")
    assert set(result) == JSON_KEYS
    assert result["schema"] == "village_3523012001"
    assert result["domain"] == "jlodro.localhost"
    assert result["url"] == "http://jlodro.localhost/"
    assert result["admin_url"] == "http://jlodro.localhost/admin/"
    assert result["admin_username"] == "admin" and len(result["admin_password"]) >= 12

    village = Village.objects.get(code="35.23.01.2001")
    assert (village.name, village.kind, village.district_code, village.district_name) == (
        "Jlodro",
        "desa",
        "35.23.01",
        "Kenduruan",
    )
    with schema_context(village.schema_name):
        home = HomePage.objects.get()
        site = Site.objects.get()
        assert home.title == "Desa Jlodro" and home.live
        assert (site.hostname, site.root_page_id, site.is_default_site) == ("jlodro.localhost", home.pk, True)

    page = client_for("jlodro.localhost").get("/")
    assert page.status_code == 200
    assert "Selamat datang di situs resmi Pemerintah Desa Jlodro" in page.text
    login = client_for("jlodro.localhost").post(
        "/admin/login/", {"username": "admin", "password": result["admin_password"]}
    )
    assert login.status_code == 302


def test_kelurahan_and_explicit_subdomain(platform):
    result = provision(
        "--code",
        "35.23.16.1013",
        "--name",
        "Kutorejo",
        "--district",
        "Tuban",
        "--kind",
        "kelurahan",
        "--subdomain",
        "kutorejo-kota",
    )
    assert result["domain"] == "kutorejo-kota.localhost"
    assert str(Village.objects.get(code="35.23.16.1013")) == "Kelurahan Kutorejo"


def test_name_collision_appends_the_kecamatan(platform):
    first = provision("--code", "35.23.09.2016", "--name", "Sugihwaras", "--district", "Parengan")
    second = provision("--code", "35.23.12.2017", "--name", "Sugihwaras", "--district", "Jenu")
    assert first["domain"] == "sugihwaras.localhost"
    assert second["domain"] == "sugihwaras-jenu.localhost"


def test_names_with_spaces_become_hyphenated_subdomains(platform):
    assert (
        provision("--code", "35.23.03.2011", "--name", "Lajo Kidul", "--district", "Singgahan")["domain"]
        == "lajo-kidul.localhost"
    )


def _state():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'village_3%'")
        schemas = cursor.fetchone()[0]
    return Village.objects.count(), Domain.objects.count(), schemas


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--code", "35.23.1.2001", "--name", "Jlodro", "--district", "Kenduruan"], "tidak valid"),
        (["--code", "35.24.01.2001", "--name", "Jlodro", "--district", "Kenduruan"], "bukan wilayah"),
        (["--code", "35.23.01.2001", "--name", " ", "--district", "Kenduruan"], "Nama desa"),
        (
            [
                "--code",
                "35.23.01.2002",
                "--name",
                "Soko",
                "--district",
                "Kenduruan",
                "--subdomain",
                "Soko_Gunung",
            ],
            "tidak valid",
        ),
        (
            ["--code", "35.23.01.2002", "--name", "Soko", "--district", "Kenduruan", "--subdomain=-soko"],
            "tidak valid",
        ),
        (
            ["--code", "35.23.01.2002", "--name", "Soko", "--district", "Kenduruan", "--subdomain", "www"],
            "dicadangkan",
        ),
    ],
)
def test_bad_input_is_refused_and_creates_nothing(platform, args, message):
    before = _state()
    with pytest.raises(CommandError, match=message):
        call_command("provision_village", *args)
    assert _state() == before


def test_duplicate_code_or_subdomain_is_refused_and_creates_nothing(platform):
    provision("--code", "35.23.01.2001", "--name", "Jlodro", "--district", "Kenduruan")
    before = _state()
    with pytest.raises(CommandError, match="sudah ada"):
        call_command(
            "provision_village", "--code", "35.23.01.2001", "--name", "Lain", "--district", "Kenduruan"
        )
    with pytest.raises(CommandError, match="sudah dipakai"):
        call_command(
            "provision_village",
            "--code",
            "35.23.01.2002",
            "--name",
            "Lain",
            "--district",
            "Kenduruan",
            "--subdomain",
            "jlodro",
        )
    assert _state() == before
    assert not schema_exists("village_3523012002")


def test_failure_midway_rolls_back_tenant_row_and_schema(platform, monkeypatch):
    from provisioning.services import villages as services

    def broken(village):
        raise RuntimeError("simulated failure after the schema was cloned")

    monkeypatch.setattr(services, "_village_admin_create", broken)
    before = _state()
    with pytest.raises(RuntimeError):
        services.village_provision(
            code="35.23.01.2003", name="Jamprong", district_name="Kenduruan", actor="budi"
        )
    assert _state() == before
    assert not schema_exists("village_3523012003")


def test_command_exits_with_status_1_and_message_on_stderr(platform):
    completed = subprocess.run(
        [sys.executable, "manage.py", "provision_village", "--code", "bad", "--name", "X", "--district", "Y"],
        capture_output=True,
        text=True,
        env=subprocess_env(),
    )
    assert completed.returncode == 1
    assert "Kode desa 'bad' tidak valid" in completed.stderr
    assert completed.stdout == ""
