"""The "Transparansi APBDes" section every new village starts with (hook villageweb_template_build, run
in the template schema; idempotent)."""

from django.db import transaction

from villageweb.budget.models import BudgetIndexPage
from villageweb.village.tree import section_index_ensure


@transaction.atomic
def budget_template_build() -> None:
    section_index_ensure(
        model=BudgetIndexPage,
        slug="apbdes",
        title="Transparansi APBDes",
        intro="Anggaran Pendapatan dan Belanja Desa beserta realisasinya, terbuka untuk semua warga "
        "sesuai Undang-Undang Nomor 6 Tahun 2014 tentang Desa.",
        description="Rencana dan realisasi APBDes per tahun anggaran: pendapatan, belanja per bidang, "
        "pembiayaan.",
    )
