"""import_villages: the command operators run to bring a regency online from the Kemendagri list."""

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_context

from tenants.models import Domain, Village
from villageweb.accounts.models import SetupLink

pytestmark = pytest.mark.django_db

HEADER = "code,name,kind,district_code,district_name\n"
ROWS = (
    "35.23.01.2001,Jlodro,desa,35.23.01,Kenduruan\n"
    "35.23.01.2002,Sokogunung,desa,35.23.01,Kenduruan\n"
    "35.23.09.2001,Sugihwaras,desa,35.23.09,Jenu\n"
    "35.23.15.2001,Sugihwaras,desa,35.23.15,Parengan\n"
    "35.23.19.1001,Kutorejo,kelurahan,35.23.19,Tuban\n"
)
PROVISION_KEYS = {"code", "schema", "domain", "url", "admin_url", "admin_username"}


class TtyBuffer(io.StringIO):
    def isatty(self):
        return True


def _csv(tmp_path, text=HEADER + ROWS, name="villages.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _import(*args, expect_failure=False):
    out, err = io.StringIO(), io.StringIO()
    if expect_failure:
        with pytest.raises(CommandError) as failure:
            call_command("import_villages", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue(), str(failure.value)
    call_command("import_villages", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), None


def test_import_creates_every_village_with_a_setup_link_and_no_password(platform, tmp_path):
    out, _, _ = _import(_csv(tmp_path), "--json")
    result = json.loads(out)
    assert [entry["code"] for entry in result["created"]] == [
        "35.23.01.2001",
        "35.23.01.2002",
        "35.23.09.2001",
        "35.23.15.2001",
        "35.23.19.1001",
    ]
    assert result["skipped"] == [] and result["errors"] == []
    first = result["created"][0]
    assert PROVISION_KEYS <= set(first) and "admin_password" not in first
    assert first["setup_url"].startswith("http://jlodro.localhost/akun/atur-kata-sandi/")
    assert first["setup_expires_at"].endswith("+07:00")
    domains = {entry["code"]: entry["domain"] for entry in result["created"]}
    assert domains["35.23.09.2001"] == "sugihwaras-jenu.localhost"
    assert domains["35.23.15.2001"] == "sugihwaras-parengan.localhost"
    kutorejo = Village.objects.get(code="35.23.19.1001")
    assert kutorejo.kind == "kelurahan" and kutorejo.district_name == "Tuban"
    with schema_context(kutorejo.schema_name):
        admin = get_user_model().objects.get(username="admin")
        assert not admin.has_usable_password()
        assert SetupLink.objects.filter(user=admin, used_at__isnull=True).count() == 1


def test_rerun_skips_existing_codes_and_reports_a_changed_name(platform, tmp_path):
    _import(_csv(tmp_path))
    renamed = (HEADER + ROWS).replace("Sokogunung", "Soko Gunung")
    out, _, _ = _import(_csv(tmp_path, renamed, "renamed.csv"), "--json")
    result = json.loads(out)
    assert result["created"] == [] and result["errors"] == []
    assert len(result["skipped"]) == 5
    changed = [entry for entry in result["skipped"] if entry["name_changed"]]
    assert changed == [
        {
            "code": "35.23.01.2002",
            "name": "Sokogunung",
            "url": "http://sokogunung.localhost/",
            "name_changed": True,
            "name_in_list": "Soko Gunung",
        }
    ]
    assert Village.objects.get(code="35.23.01.2002").name == "Sokogunung"
    text, _, _ = _import(_csv(tmp_path, renamed, "renamed.csv"))
    assert "Nama berubah, tidak diterapkan: 35.23.01.2002 'Sokogunung' -> 'Soko Gunung'" in text
    assert "0 desa dibuat, 5 sudah ada" in text


def test_bad_rows_are_reported_by_line_good_rows_go_in_and_exit_status_is_1(platform, tmp_path):
    text = HEADER + ROWS + "35.23.01.2001,Jlodro,desa,35.23.01,Kenduruan\n35.23.01.20,X,desa,35.23.01,K\n"
    out, _, failure = _import(_csv(tmp_path, text), "--json", expect_failure=True)
    result = json.loads(out)
    assert len(result["created"]) == 5
    assert result["errors"] == [
        {"line": 7, "code": "35.23.01.2001", "reason": "kode ganda: sudah ada di baris 2"},
        {"line": 8, "code": "35.23.01.20", "reason": "kode '35.23.01.20' tidak berformat PP.KK.CC.DDDD"},
    ]
    assert "2 baris gagal" in failure
    _, err, _ = _import(_csv(tmp_path, text), expect_failure=True)
    assert "Baris 7 (35.23.01.2001): kode ganda" in err


def test_code_outside_the_configured_regency_is_refused(platform, tmp_path):
    text = HEADER + "35.22.01.2001,Bojonegoro,desa,35.22.01,Lain\n"
    out, _, _ = _import(_csv(tmp_path, text), "--json", expect_failure=True)
    assert json.loads(out)["errors"][0]["reason"] == "kode di luar wilayah kabupaten 35.23"


def test_district_and_limit_select_what_a_run_creates(platform, tmp_path):
    out, _, _ = _import(_csv(tmp_path), "--district", "35.23.01", "--json")
    assert [entry["code"] for entry in json.loads(out)["created"]] == ["35.23.01.2001", "35.23.01.2002"]
    out, _, _ = _import(_csv(tmp_path), "--limit", "1", "--json")
    result = json.loads(out)
    assert [entry["code"] for entry in result["created"]] == ["35.23.09.2001"]
    assert len(result["skipped"]) == 2
    # The subdomain of a repeated name is the same whichever run creates the village.
    assert result["created"][0]["domain"] == "sugihwaras-jenu.localhost"
    _, _, failure = _import(_csv(tmp_path), "--district", "35.23", expect_failure=True)
    assert "PP.KK.CC" in failure


def test_a_subdomain_taken_by_another_village_falls_back_to_the_kecamatan(
    platform, village_factory, tmp_path
):
    village_factory("Jlodro", code="35.23.99.2001")
    out, _, _ = _import(_csv(tmp_path), "--district", "35.23.01", "--json")
    domains = [entry["domain"] for entry in json.loads(out)["created"]]
    assert domains == ["jlodro-kenduruan.localhost", "sokogunung.localhost"]


def test_progress_bar_with_count_and_eta_on_a_terminal_and_summary(platform, tmp_path):
    out = TtyBuffer()
    call_command("import_villages", _csv(tmp_path), stdout=out)
    text = out.getvalue()
    assert "\r[" in text and "5/5 desa" in text and "sisa waktu" in text
    assert "5 desa dibuat, 0 sudah ada (dilewati), 0 baris gagal" in text


def test_no_progress_bar_when_output_is_not_a_terminal_and_each_setup_link_is_listed(platform, tmp_path):
    out, _, _ = _import(_csv(tmp_path))
    assert "\r" not in out
    assert "35.23.01.2001 http://jlodro.localhost/ pengguna admin, tautan atur kata sandi " in out
    assert out.count("/akun/atur-kata-sandi/") == 5 and "berlaku sampai" in out


def test_unreadable_file_is_a_clear_error(platform, tmp_path):
    _, _, failure = _import(str(tmp_path / "tidak-ada.csv"), expect_failure=True)
    assert "tidak ditemukan" in failure


def test_handover_sheets_are_written_per_kecamatan(platform, tmp_path):
    out, _, _ = _import(_csv(tmp_path), "--json", "--handover", str(tmp_path / "serah"))
    created = {entry["code"]: entry for entry in json.loads(out)["created"]}
    files = sorted(path.name for path in Path(tmp_path / "serah").iterdir())
    assert files == [
        "35.23.01-kenduruan.html",
        "35.23.09-jenu.html",
        "35.23.15-parengan.html",
        "35.23.19-tuban.html",
        "index.html",
    ]
    sheet = (tmp_path / "serah" / "35.23.01-kenduruan.html").read_text()
    assert sheet.count('<section class="sheet">') == 2
    assert "Desa Jlodro" in sheet and "Desa Sokogunung" in sheet
    assert created["35.23.01.2001"]["setup_url"] in sheet
    assert "http://jlodro.localhost/admin/" in sheet
    assert "Nama pengguna admin</dt><dd>admin" in sheet
    assert sheet.count("<svg") == 2 and "@media print" in sheet
    assert "Kelurahan Kutorejo" in (tmp_path / "serah" / "35.23.19-tuban.html").read_text()
    assert "Kecamatan Parengan" in (tmp_path / "serah" / "index.html").read_text()


def test_domains_are_not_created_for_failed_rows(platform, tmp_path):
    text = HEADER + "35.23.01.2001,,desa,35.23.01,Kenduruan\n"
    _import(_csv(tmp_path, text), expect_failure=True)
    assert not Village.objects.filter(code="35.23.01.2001").exists()
    assert not Domain.objects.filter(domain__startswith="jlodro").exists()
