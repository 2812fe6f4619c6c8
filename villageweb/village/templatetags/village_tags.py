from dataclasses import dataclass

from django import template
from wagtail.models import Site

from villageweb.site_cache import cached_for_site
from villageweb.village.listing import pages_public

register = template.Library()


@dataclass(frozen=True)
class PageLink:
    """What the menu and the breadcrumbs draw of a page (small, so the portal can cache it)."""

    pk: int
    title: str
    url: str
    path: str
    depth: int


def _link(page, request) -> PageLink:
    return PageLink(page.pk, page.title, page.get_url(request) or "", page.path, page.depth)


@register.simple_tag(takes_context=True)
def site_menu(context) -> list[PageLink]:
    """Top-level pages marked 'show in menus', in tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def menu():
        pages = pages_public(site.root_page.get_children()).in_menu()
        return [_link(page, request) for page in pages]

    return cached_for_site(request, "menu", menu)


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page) -> list[PageLink]:
    """The page's ancestors below the tree root (home page first), without the page itself."""
    request = context.get("request")

    def trail():
        return [_link(ancestor, request) for ancestor in page.get_ancestors().filter(depth__gt=1)]

    if page.pk is None:  # a preview of a page not saved yet
        return trail()
    return cached_for_site(request, f"breadcrumbs:{page.pk}", trail, page_only=True)


@register.filter
def rupiah(value) -> str:
    """25000 -> 'Rp25.000' (Indonesian thousands separator, no decimals)."""
    if value in (None, ""):
        return ""
    return "Rp" + f"{int(value):,}".replace(",", ".")
