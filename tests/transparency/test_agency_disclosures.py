"""An OPD or a kecamatan has no APBDes: its board lists a perangkat daerah's mandatory documents
(Renstra, Renja, DPA/RKA, LKjIP, kept as Daftar Informasi Publik entries) beside the DIP and service
standards, and the portal's ranking and API read the same list for it."""

import pytest
from django.db import connection
from django.utils import timezone

from villageweb.transparency.disclosures import disclosures_refresh
from villageweb.village.models import PublicInformation

from ..factories import in_village, village_of

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _entry(title: str, year: int) -> None:
    PublicInformation.objects.create(category=PublicInformation.Category.PERIODIC, title=title, year=year)


@pytest.fixture
def agency(village_factory):
    dinas = village_factory("Dinas Kesehatan", kind="opd", code="OPD.DINKES")
    with in_village(dinas):
        _entry(f"Rencana Strategis Dinas Kesehatan {YEAR - 1}-{YEAR + 3}", YEAR - 1)
        # The RKA names "rencana kerja" too: it is a budget document, not the Renja.
        _entry(f"Rencana Kerja dan Anggaran (RKA) {YEAR - 1}", YEAR - 1)
        _entry(f"LKjIP Dinas Kesehatan {YEAR - 1}", YEAR - 1)
    connection.set_schema_to_public()
    return dinas


def _row(page: str, label: str) -> str:
    start = page.index(label, page.index("<tbody>"))
    return page[start : page.index("</tr>", start)]


def test_an_opd_board_lists_its_own_documents_not_a_villages(agency, client_for):
    page = client_for(agency.domain).get("/transparansi/").text
    assert "APBDes" not in page and "RKPDes" not in page and "Peraturan Desa" not in page
    assert "Tersedia" in _row(page, f"Renstra {YEAR - 1}")
    assert "Belum ada" in _row(page, "Renja")
    assert "Kedaluwarsa" in _row(page, f"DPA/RKA {YEAR - 1}")
    assert "Tersedia" in _row(page, f"LKjIP {YEAR - 1}")
    assert "Daftar Informasi Publik" in page and "Standar pelayanan" in page


def test_portal_ranking_and_api_use_the_agency_list(agency, village_factory, client_for):
    jenu = village_factory("Jenu", kind="kecamatan", code="35.23.12")
    for result in (agency, jenu):
        disclosures_refresh(provider=village_of(result))
    data = client_for("localhost").get("/api/v1/transparansi/").json()
    by_code = {entry["code"]: entry for entry in data["providers"]}
    keys = ["renstra", "renja", "dpa", "lkjip", "dip", "standar_layanan"]
    assert [item["key"] for item in by_code["OPD.DINKES"]["disclosures"]] == keys
    assert [item["key"] for item in by_code["35.23.12"]["disclosures"]] == keys
    # Renstra, LKjIP and the DIP (its entries are from last year) current (2 each), DPA out of date
    # (1), Renja and service standards missing: 7 of 12 points.
    assert by_code["OPD.DINKES"]["disclosure_score"] == round(100 * 7 / 12)
    ranking = client_for("localhost").get("/transparansi/").text
    assert ranking.index("Dinas Kesehatan") < ranking.index("Kecamatan Jenu")
