"""What the editor refuses, so the published figures stay meaningful."""

import pytest
from django.core.exceptions import ValidationError

from villageweb.budget.models import BudgetItem, BudgetYearPage

from ..factories import in_village, make_budget_year


def test_spending_item_needs_a_bidang_and_other_items_must_not_have_one():
    with pytest.raises(ValidationError, match="Pilih bidang"):
        BudgetItem(section="belanja", bidang="", name="Jalan", planned=1).clean()
    with pytest.raises(ValidationError, match="hanya diisi untuk pos belanja"):
        BudgetItem(section="pendapatan", bidang="pembangunan", name="Dana Desa", planned=1).clean()
    BudgetItem(section="belanja", bidang="pembangunan", name="Jalan", planned=1).clean()


@pytest.mark.django_db
def test_a_fiscal_year_can_be_published_only_once(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        make_budget_year(2026, [("pendapatan", "", "Dana Desa", 1_000_000, 0)])
        with pytest.raises(ValidationError, match="APBDes tahun 2026 sudah ada"):
            BudgetYearPage(title="APBDes 2026 lagi", slug="2026-lagi", year=2026).clean()
