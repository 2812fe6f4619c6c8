"""Rupiah and percentages written the Indonesian way, and the home page's APBDes summary."""

from decimal import Decimal

from django import template
from django.utils import timezone

from villageweb.budget.models import BudgetYearPage
from villageweb.budget.summary import percentage
from villageweb.freshness.site_cache import cached_for_site

register = template.Library()


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@register.filter
def rupiah(value) -> str:
    """1250000000 -> "Rp 1.250.000.000"; negative amounts as "-Rp 5.000"."""
    if value in (None, ""):
        return ""
    number = int(value)
    sign = "-" if number < 0 else ""
    return f"{sign}Rp {_grouped(abs(number))}"


@register.filter
def rupiah_short(value) -> str:
    """For the infographic: 1250000000 -> "Rp 1,25 miliar", 450300000 -> "Rp 450,3 juta"."""
    number = int(value or 0)
    sign = "-" if number < 0 else ""
    number = abs(number)
    for size, word in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta")):
        if number >= size:
            amount = (Decimal(number) / size).quantize(Decimal("0.01")).normalize()
            text = f"{amount:f}".replace(".", ",")
            return f"{sign}Rp {text} {word}"
    return f"{sign}Rp {_grouped(number)}"


@register.filter
def persen(value) -> str:
    """Decimal("87.5") -> "87,5%"; no figure (nothing planned) -> "–"."""
    if value is None:
        return "–"
    return f"{Decimal(value):.1f}".replace(".", ",") + "%"


@register.filter
def svg_number(value) -> str:
    """A number for SVG attributes: always a dot, never localised."""
    return f"{Decimal(value):f}"


@register.inclusion_tag("budget/includes/home_summary.html", takes_context=True)
def budget_home_summary(context):
    """This year's APBDes in figures, cached under the village's content version
    (villageweb.freshness.site_cache)."""
    year = timezone.localdate().year

    def section():
        year_page = BudgetYearPage.objects.live().filter(year=year).order_by("-last_published_at").first()
        return {"year_page": year_page, "summary": year_page.summary() if year_page else None}

    return cached_for_site(context.get("request"), f"home-budget:{year}", section, page_only=True)


@register.filter
def persen_of(part, whole) -> str:
    return persen(percentage(int(part or 0), int(whole or 0)))


@register.filter
def infographic_y(number: int) -> int:
    return 620 + number * 108


@register.filter
def infographic_width(amount: int, summary) -> str:
    """Bar length on the infographic (960 wide) relative to the biggest bidang's budget."""
    biggest = max((max(line.planned, line.realised) for line in summary.bidang_used), default=0)
    return svg_number(percentage(amount, biggest) * Decimal("9.6")) if biggest else "0"
