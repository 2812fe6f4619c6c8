from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context) -> list[dict]:
    """The home page's live children marked "show in menus", for themes' fallback navigation."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    current = context.get("page")
    current_path = current.path if current is not None else ""
    items = [{"page": site.root_page, "title": "Beranda", "current": current_path == site.root_page.path}]
    for child in site.root_page.get_children().live().in_menu().specific(defer=True):
        items.append({"page": child, "title": child.title, "current": current_path.startswith(child.path)})
    return items
