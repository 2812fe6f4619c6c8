from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context):
    """Top-level pages marked 'show in menus', in tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return site.root_page.get_children().live().public().in_menu()


@register.filter
def rupiah(value) -> str:
    """25000 -> 'Rp25.000' (Indonesian thousands separator, no decimals)."""
    if value in (None, ""):
        return ""
    return "Rp" + f"{int(value):,}".replace(",", ".")
