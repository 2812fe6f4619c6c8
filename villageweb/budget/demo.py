"""Demo APBDes of the current year: realistic Dana Desa, ADD and PADes figures, realised to date.

Kelurahan have no APBDes (their budget is part of the regency's APBD), so they get none.
"""

import datetime
import random

from django.utils import timezone

from villageweb.budget.models import BudgetIndexPage, BudgetItem, BudgetYearPage
from villageweb.budget.summary import Bidang, Section

# Belanja as shares of what the village can spend, per bidang (Permendagri 20/2018 fields).
SPENDING = [
    (Bidang.PEMERINTAHAN, "Penghasilan tetap dan tunjangan kepala desa dan perangkat desa", 0.24),
    (Bidang.PEMERINTAHAN, "Operasional pemerintahan desa dan BPD", 0.07),
    (Bidang.PEMBANGUNAN, "Pembangunan jalan rabat beton lingkungan", 0.22),
    (Bidang.PEMBANGUNAN, "Pembangunan saluran drainase", 0.09),
    (Bidang.PEMBANGUNAN, "Penyelenggaraan posyandu dan makanan tambahan pencegahan stunting", 0.04),
    (Bidang.PEMBANGUNAN, "Penerangan jalan umum tenaga surya", 0.05),
    (Bidang.KEMASYARAKATAN, "Pembinaan PKK, karang taruna, dan kegiatan keagamaan", 0.04),
    (Bidang.KEMASYARAKATAN, "Operasional Linmas", 0.02),
    (Bidang.PEMBERDAYAAN, "Pelatihan kelompok usaha dan kelompok tani/nelayan", 0.04),
    (Bidang.PEMBERDAYAAN, "Peningkatan kapasitas perangkat desa", 0.02),
    (Bidang.BENCANA, "Bantuan Langsung Tunai (BLT) Dana Desa", 0.15),
    (Bidang.BENCANA, "Penanganan keadaan darurat", 0.02),
]


def _thousands(amount: float) -> int:
    return int(round(amount / 1000) * 1000)


def budget_year_items(*, seed: str, today: datetime.date) -> list[BudgetItem]:
    rng = random.Random(seed)
    progress = min(today.timetuple().tm_yday / 365, 1)
    income = [
        ("Dana Desa (DD)", _thousands(rng.uniform(850, 1150) * 1e6), 0.9),
        ("Alokasi Dana Desa (ADD)", _thousands(rng.uniform(380, 520) * 1e6), 1.0),
        (
            "Pendapatan Asli Desa (hasil usaha, sewa tanah kas desa)",
            _thousands(rng.uniform(25, 90) * 1e6),
            0.8,
        ),
        ("Bagi hasil pajak dan retribusi daerah", _thousands(rng.uniform(40, 70) * 1e6), 1.0),
        ("Bantuan keuangan Kabupaten Tuban", _thousands(rng.uniform(100, 200) * 1e6), 0.7),
    ]
    silpa = _thousands(rng.uniform(15, 45) * 1e6)
    bumdes = _thousands(rng.uniform(30, 60) * 1e6)
    items = [
        BudgetItem(
            section=Section.PENDAPATAN,
            name=name,
            planned=planned,
            realised=_thousands(planned * min(1, pace * progress * rng.uniform(1.0, 1.15))),
        )
        for name, planned, pace in income
    ]
    spendable = sum(item.planned for item in items) + silpa - bumdes
    for number, (bidang, name, share) in enumerate(SPENDING):
        planned = _thousands(spendable * share)
        if number == len(SPENDING) - 1:
            # A balanced APBDes: the last line takes the rounding, so planned SiLPA is zero.
            planned = spendable - sum(item.planned for item in items if item.section == Section.BELANJA)
        items.append(
            BudgetItem(
                section=Section.BELANJA,
                bidang=bidang,
                name=name,
                planned=planned,
                realised=_thousands(planned * min(1, progress * rng.uniform(0.75, 1.05))),
            )
        )
    items.append(
        BudgetItem(
            section=Section.PEMBIAYAAN_MASUK, name="SiLPA tahun sebelumnya", planned=silpa, realised=silpa
        )
    )
    items.append(
        BudgetItem(
            section=Section.PEMBIAYAAN_KELUAR,
            name="Penyertaan modal BUMDes",
            planned=bumdes,
            realised=bumdes if progress > 0.5 else 0,
        )
    )
    return items


def budget_demo_fill(*, village, demo) -> None:
    if demo.kind != "desa":
        return
    today = timezone.localdate()
    if BudgetYearPage.objects.filter(year=today.year).exists():
        return
    index = BudgetIndexPage.objects.get()
    page = BudgetYearPage(
        title=f"APBDes Tahun Anggaran {today.year}",
        slug=str(today.year),
        year=today.year,
        regulation=(
            f"Peraturan Desa {demo.name} Nomor 1 Tahun {today.year} "
            f"tentang APBDes Tahun Anggaran {today.year}"
        ),
        realisation_date=today,
        live=False,
    )
    page.items = budget_year_items(seed=demo.code, today=today)
    index.add_child(instance=page)
    page.save_revision().publish()
