"""Transparansi APBDes' part in provisioning (provisioning/hooks.py)."""

import datetime

from wagtail import hooks

from villageweb.budget.demo import budget_demo_fill
from villageweb.budget.models import BudgetYearPage
from villageweb.budget.template import budget_template_build
from villageweb.village.completeness import ChecklistItem

# Provisioning's extension points (provisioning/hooks.py).
hooks.register("villageweb_template_build", budget_template_build, order=60)
hooks.register("villageweb_demo_fill", budget_demo_fill, order=50)


@hooks.register("villageweb_completeness_items", order=40)
def budget_completeness_items(*, today: datetime.date) -> list[ChecklistItem]:
    """Site health's checklist (villageweb/health/completeness.py): this year's APBDes published."""
    page = BudgetYearPage.objects.live().filter(year=today.year).first()
    return [
        ChecklistItem(
            "apbdes",
            f"APBDes tahun {today.year}",
            page is not None,
            f"Terbitkan APBDes tahun {today.year} di halaman Transparansi APBDes.",
            page.pk if page else None,
        )
    ]
