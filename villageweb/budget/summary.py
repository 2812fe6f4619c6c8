"""APBDes figures computed from line items: totals per section and bidang, realisation, chart geometry.

Kept apart from the models so the table, the inline chart, the infographic and the home page summary
all read the same numbers.
"""

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models


class Section(models.TextChoices):
    PENDAPATAN = "pendapatan", "Pendapatan"
    BELANJA = "belanja", "Belanja"
    PEMBIAYAAN_MASUK = "pembiayaan_masuk", "Penerimaan pembiayaan"
    PEMBIAYAAN_KELUAR = "pembiayaan_keluar", "Pengeluaran pembiayaan"


class Bidang(models.TextChoices):
    """The five spending fields of Permendagri 20/2018 on village finance."""

    PEMERINTAHAN = "pemerintahan", "Penyelenggaraan Pemerintahan Desa"
    PEMBANGUNAN = "pembangunan", "Pelaksanaan Pembangunan Desa"
    KEMASYARAKATAN = "kemasyarakatan", "Pembinaan Kemasyarakatan Desa"
    PEMBERDAYAAN = "pemberdayaan", "Pemberdayaan Masyarakat Desa"
    BENCANA = "bencana", "Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa"


def percentage(part: int, whole: int) -> Decimal | None:
    """Share of `whole` in percent, one decimal, or None when nothing was planned."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Line:
    label: str
    planned: int = 0
    realised: int = 0
    items: list = field(default_factory=list)

    @property
    def percent(self) -> Decimal | None:
        return percentage(self.realised, self.planned)

    def add(self, item) -> None:
        self.items.append(item)
        self.planned += item.planned
        self.realised += item.realised


# The inline chart is drawn in real CSS pixels, not scaled by a viewBox: bars are a percentage of the
# chart's width and text keeps its size (at least 12 px) on a 375 px phone. Labels wrap at
# CHART_LABEL_CHARS so the longest bidang ("Penanggulangan Bencana, ...") fits a phone's width.
CHART_BAR_MAX = Decimal(100)
CHART_TOP = 40
CHART_LABEL_CHARS = 38
CHART_LABEL_LINE = 18
CHART_BARS_HEIGHT = 62


@dataclass
class ChartRow:
    label: str
    planned: int
    realised: int
    percent: Decimal | None
    planned_width: Decimal
    realised_width: Decimal
    is_total: bool
    y: int
    label_lines: list[str] = field(default_factory=list)

    @property
    def label_rows(self) -> list[tuple[int, str]]:
        """(baseline y, text) of each line of the label."""
        return [(self.y + 14 + CHART_LABEL_LINE * row, line) for row, line in enumerate(self.label_lines)]

    @property
    def bars_y(self) -> int:
        return self.y + CHART_LABEL_LINE * len(self.label_lines) + 4

    @property
    def height(self) -> int:
        return CHART_LABEL_LINE * len(self.label_lines) + CHART_BARS_HEIGHT


@dataclass
class BudgetSummary:
    year: int
    pendapatan: Line
    belanja: Line
    bidang: list[Line]
    pembiayaan_masuk: Line
    pembiayaan_keluar: Line

    @classmethod
    def from_items(cls, year: int, items: Iterable) -> "BudgetSummary":
        summary = cls(
            year=year,
            pendapatan=Line(Section.PENDAPATAN.label),
            belanja=Line(Section.BELANJA.label),
            bidang=[Line(label) for label in Bidang.labels],
            pembiayaan_masuk=Line(Section.PEMBIAYAAN_MASUK.label),
            pembiayaan_keluar=Line(Section.PEMBIAYAAN_KELUAR.label),
        )
        bidang_lines = dict(zip(Bidang.values, summary.bidang, strict=True))
        for item in items:
            if item.section == Section.PENDAPATAN:
                summary.pendapatan.add(item)
            elif item.section == Section.BELANJA:
                summary.belanja.add(item)
                if item.bidang in bidang_lines:
                    bidang_lines[item.bidang].add(item)
            elif item.section == Section.PEMBIAYAAN_MASUK:
                summary.pembiayaan_masuk.add(item)
            elif item.section == Section.PEMBIAYAAN_KELUAR:
                summary.pembiayaan_keluar.add(item)
        return summary

    @property
    def is_empty(self) -> bool:
        return not (self.pendapatan.planned or self.belanja.planned)

    @property
    def bidang_used(self) -> list[Line]:
        return [line for line in self.bidang if line.planned or line.realised]

    @property
    def surplus_planned(self) -> int:
        return self.pendapatan.planned - self.belanja.planned

    @property
    def surplus_realised(self) -> int:
        return self.pendapatan.realised - self.belanja.realised

    @property
    def financing_net_planned(self) -> int:
        return self.pembiayaan_masuk.planned - self.pembiayaan_keluar.planned

    @property
    def financing_net_realised(self) -> int:
        return self.pembiayaan_masuk.realised - self.pembiayaan_keluar.realised

    @property
    def silpa_planned(self) -> int:
        return self.surplus_planned + self.financing_net_planned

    @property
    def silpa_realised(self) -> int:
        return self.surplus_realised + self.financing_net_realised

    def chart_rows(self) -> list[ChartRow]:
        """Bars scaled to the largest amount, so every bar compares with every other."""
        lines = [(self.pendapatan, True), (self.belanja, True)]
        lines += [(line, False) for line in self.bidang_used]
        lines += [(line, True) for line in (self.pembiayaan_masuk, self.pembiayaan_keluar) if line.planned]
        scale = max([max(line.planned, line.realised) for line, _ in lines] + [1])
        rows = []
        y = CHART_TOP
        for line, is_total in lines:
            row = ChartRow(
                label=line.label,
                planned=line.planned,
                realised=line.realised,
                percent=line.percent,
                planned_width=_share(line.planned, scale),
                realised_width=_share(line.realised, scale),
                is_total=is_total,
                y=y,
                label_lines=textwrap.wrap(line.label, CHART_LABEL_CHARS) or [""],
            )
            rows.append(row)
            y += row.height
        return rows

    def chart_height(self) -> int:
        return CHART_TOP + sum(row.height for row in self.chart_rows())


def _share(amount: int, scale: int) -> Decimal:
    """Bar length in percent of the chart width (the longest bar is CHART_BAR_MAX)."""
    return (Decimal(amount) * CHART_BAR_MAX / Decimal(scale)).quantize(Decimal("0.1"))
