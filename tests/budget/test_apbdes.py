"""Transparansi APBDes: table, chart and infographic show exactly the figures the official entered."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import timezone

from villageweb.budget.models import BudgetIndexPage
from villageweb.budget.templatetags.budget_tags import persen, rupiah, rupiah_short

from ..factories import admin_client_for, in_village, make_budget_year

pytestmark = pytest.mark.django_db

ITEMS = [
    ("pendapatan", "", "Dana Desa", 1_012_345_000, 810_000_000),
    ("pendapatan", "", "Alokasi Dana Desa", 450_000_000, 450_000_000),
    ("pendapatan", "", "Pendapatan Asli Desa", 60_000_000, 15_000_000),
    ("belanja", "pembangunan", "Rabat beton Dusun Krajan", 800_000_000, 600_000_000),
    ("belanja", "pemerintahan", "Penghasilan tetap perangkat", 500_000_000, 458_333_333),
    ("belanja", "bencana", "BLT Dana Desa", 180_000_000, 0),
    ("pembiayaan_masuk", "", "SiLPA tahun sebelumnya", 35_000_000, 35_000_000),
    ("pembiayaan_keluar", "", "Penyertaan modal BUMDes", 50_000_000, 50_000_000),
]


def test_rupiah_and_percent_are_written_the_indonesian_way():
    assert rupiah(1_250_000_000) == "Rp 1.250.000.000"
    assert rupiah(-5000) == "-Rp 5.000"
    assert rupiah_short(1_250_000_000) == "Rp 1,25 miliar"
    assert rupiah_short(450_300_000) == "Rp 450,3 juta"
    assert persen(Decimal("87.5")) == "87,5%"
    assert persen(None) == "–"


@pytest.fixture
def village_with_budget(village_factory):
    village = village_factory("Jlodro")
    year = timezone.localdate().year
    with in_village(village):
        page = make_budget_year(year, ITEMS)
        summary = page.summary()
    return village, year, summary


def test_summary_totals_and_percentages_match_entered_items(village_with_budget):
    _, _, summary = village_with_budget
    assert summary.pendapatan.planned == 1_522_345_000
    assert summary.pendapatan.realised == 1_275_000_000
    assert summary.pendapatan.percent == Decimal("83.8")
    assert summary.belanja.planned == 1_480_000_000
    assert summary.belanja.percent == Decimal("71.5")
    assert [(line.label, line.planned) for line in summary.bidang_used] == [
        ("Penyelenggaraan Pemerintahan Desa", 500_000_000),
        ("Pelaksanaan Pembangunan Desa", 800_000_000),
        ("Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa", 180_000_000),
    ]
    assert summary.financing_net_planned == -15_000_000
    assert summary.silpa_planned == 1_522_345_000 - 1_480_000_000 - 15_000_000


def test_year_page_table_and_chart_show_the_entered_figures(village_with_budget, client_for):
    village, year, summary = village_with_budget
    response = client_for(village.domain).get(f"/apbdes/{year}/")
    assert response.status_code == 200
    text = response.text
    for amount in ("Rp 1.012.345.000", "Rp 1.522.345.000", "Rp 1.480.000.000", "Rp 458.333.333"):
        assert amount in text
    assert "83,8%" in text and "71,5%" in text and "91,7%" in text
    assert "<script" not in text
    assert f'href="/apbdes/{year}/infografis/"' in text

    svg = re.search(r"<svg[^>]*>.*?</svg>", text, re.S).group(0)
    chart = ET.fromstring(svg)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    bars = [rect for rect in chart.iterfind(".//svg:g/svg:rect", ns)]
    rows = summary.chart_rows()
    assert [int(bar.get("data-amount")) for bar in bars] == [
        amount for row in rows for amount in (row.planned, row.realised)
    ]
    # The longest bar is the largest amount (the chart's full width); every other bar is in proportion.
    assert all(bar.get("width").endswith("%") for bar in bars)
    widths = [Decimal(bar.get("width").removesuffix("%")) for bar in bars]
    largest = max(int(bar.get("data-amount")) for bar in bars)
    for bar, width in zip(bars, widths, strict=True):
        assert abs(width - Decimal(100) * int(bar.get("data-amount")) / largest) < Decimal("0.1")
    percents = [node.text for node in chart.iterfind(".//svg:tspan[@class='chart-percent']", ns)]
    assert percents[0].endswith("83,8%") and percents[1].endswith("71,5%")
    assert (
        "Pendapatan: anggaran Rp 1.522.345.000, realisasi Rp 1.275.000.000 (83,8%)"
        in chart.find("svg:desc", ns).text
    )


def test_infographic_is_a_standalone_svg_with_the_year_figures(village_with_budget, client_for):
    village, year, _ = village_with_budget
    response = client_for(village.domain).get(f"/apbdes/{year}/infografis/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert f'filename="apbdes-{year}.svg"' in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    texts = " ".join(node.text or "" for node in root.iter("{http://www.w3.org/2000/svg}text"))
    assert f"APBDes Tahun {year}" in texts and "Desa Jlodro" in texts
    assert "Rp 1,52 miliar" in texts and "83,8%" in texts and "71,5%" in texts


def test_home_page_shows_current_year_summary(village_with_budget, client_for):
    village, year, _ = village_with_budget
    home = client_for(village.domain).get("/")
    assert f"APBDes {year}" in home.text
    assert "Rp 1.522.345.000" in home.text and "83,8%" in home.text


def test_budget_index_lists_years(village_with_budget, client_for):
    village, year, _ = village_with_budget
    response = client_for(village.domain).get("/apbdes/")
    assert response.status_code == 200
    assert f'href="/apbdes/{year}/"' in response.text and "71,5%" in response.text


def test_village_admin_can_open_budget_editors(village_with_budget):
    village, year, _ = village_with_budget
    with in_village(village):
        index = BudgetIndexPage.objects.get()
        year_page = index.get_children().get(slug=str(year))
    client = admin_client_for(village)
    for url in (
        f"/admin/pages/{index.pk}/edit/",
        f"/admin/pages/{year_page.pk}/edit/",
        f"/admin/pages/add/budget/budgetyearpage/{index.pk}/",
    ):
        assert client.get(url).status_code == 200, url


def test_search_result_and_meta_description_of_a_year_are_readable_indonesian(
    village_with_budget, client_for
):
    """The year page's `summary` is a method returning figures: neither the site search nor the meta
    and og descriptions may show its Python text (BudgetSummary(year=..., ...))."""
    village, year, summary = village_with_budget
    client = client_for(village.domain)
    expected = (
        f"APBDes Tahun Anggaran {year}: pendapatan Rp 1.522.345.000, belanja Rp 1.480.000.000, "
        "realisasi belanja"
    )
    found = client.get("/cari/", {"q": "APBDes"}).text
    page = client.get(f"/apbdes/{year}/").text
    for text in (found, page):
        assert "BudgetSummary" not in text and "bound method" not in text
    assert expected in found
    assert f'<meta name="description" content="{expected}' in page
    assert f'<meta property="og:description" content="{expected}' in page
