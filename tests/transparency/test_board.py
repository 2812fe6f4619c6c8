"""`/transparansi/` on a village (its mandatory disclosures with dates and states, its response record),
on the portal (every provider ranked, sortable, by kecamatan, CSV) and `/api/v1/transparansi/`."""

import csv
import io

import pytest
from django.db import connection
from django.utils import timezone

from villageweb.cases.services import Submission, case_create, case_reply
from villageweb.transparency.disclosures import disclosures_refresh

from ..factories import in_village, make_budget_year, make_diskominfo_staff, village_of

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def villages(village_factory):
    jlodro = village_factory("Jlodro", district_name="Kenduruan", code="35.23.01.2001")
    wangi = village_factory("Wangi", district_name="Jenu", code="35.23.12.2099")
    with in_village(wangi):
        make_budget_year(YEAR, [("pendapatan", "", "Dana Desa", 1_000_000, 0)])
    connection.set_schema_to_public()
    return jlodro, wangi


def _answered(result):
    case = create = case_create(
        provider=village_of(result),
        submission=Submission(
            kind="pengaduan", category="lainnya", subject="Tanya", message="Isi", name="Sri"
        ),
    )
    case_reply(provider=village_of(result), case_id=create.pk, actor="admin", address="", text="Sudah.")
    return case


def test_missing_apbdes_shows_missing_with_its_state_and_present_one_with_a_date(villages, client_for):
    jlodro, wangi = villages
    missing = client_for(jlodro.domain).get("/transparansi/")
    assert missing.status_code == 200
    row = missing.text[missing.text.index(f"APBDes {YEAR}") :]
    assert row.index("Belum ada") < row.index("</tr>")
    present = client_for(wangi.domain).get("/transparansi/").text
    row = present[present.index(f"APBDes {YEAR}") :]
    assert row.index("Tersedia") < row.index("</tr>") and "<time datetime=" in row[: row.index("</tr>")]
    for label in (
        "Realisasi APBDes",
        "RKPDes",
        "RPJMDes",
        "Peraturan Desa",
        "Daftar Informasi Publik",
        "Standar pelayanan",
    ):
        assert label in present


def test_portal_ranks_every_provider_and_the_record_moves_with_an_answer(villages, client_for):
    jlodro, wangi = villages
    for result in villages:
        disclosures_refresh(provider=village_of(result))
    _answered(jlodro)
    page = client_for("localhost").get("/transparansi/").text
    assert page.index("Desa Wangi") < page.index("Desa Jlodro")  # Wangi publishes its APBDes
    by_time = client_for("localhost").get("/transparansi/?urut=tepat_waktu").text
    assert by_time.index("Desa Jlodro") < by_time.index("Desa Wangi")  # Jlodro answered on time
    only_jenu = client_for("localhost").get("/transparansi/?kecamatan=35.23.12").text
    assert "Desa Wangi" in only_jenu and "Desa Jlodro" not in only_jenu
    rows = list(
        csv.DictReader(io.StringIO(client_for("localhost").get("/transparansi/?format=csv").content.decode()))
    )
    jlodro_row = next(row for row in rows if row["penyelenggara"] == "Desa Jlodro")
    assert jlodro_row["diterima"] == "1" and jlodro_row["persen_tepat_waktu"] == "100"
    assert (
        "APBDes" in next(row for row in rows if row["penyelenggara"] == "Desa Jlodro")["tidak_ada"]
        or int(jlodro_row["tidak_ada"]) >= 1
    )


def test_api_lists_disclosures_and_case_counts_without_personal_data(villages, client_for):
    jlodro, _ = villages
    _answered(jlodro)
    disclosures_refresh(provider=village_of(jlodro))
    data = client_for("localhost").get("/api/v1/transparansi/").json()
    entry = next(p for p in data["providers"] if p["code"] == "35.23.01.2001")
    assert entry["cases"]["received"] == 1 and entry["cases"]["answered_on_time"] == 1
    assert entry["cases"]["median_days"] == 0.0
    apbdes = next(item for item in entry["disclosures"] if item["key"] == "apbdes")
    assert apbdes["state"] == "tidak_ada" and apbdes["date"] is None
    assert "Sri" not in client_for("localhost").get("/api/v1/transparansi/").content.decode()
    own = client_for(jlodro.domain).get("/api/v1/transparansi/").json()
    assert [p["code"] for p in own["providers"]] == ["35.23.01.2001"]


def test_diskominfo_health_page_shows_the_same_ranking(villages, client_for):
    jlodro, wangi = villages
    for result in villages:
        disclosures_refresh(provider=village_of(result))
    _answered(jlodro)
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff())
    page = client.get("/admin/desa/kesehatan/").text
    section = page[page.index("Transparansi dan pengaduan") :]
    assert section.index("Desa Wangi") < section.index("Desa Jlodro")
    jlodro_row = section[section.index("Desa Jlodro") :]
    assert "100%" in jlodro_row[: jlodro_row.index("</tr>")]
