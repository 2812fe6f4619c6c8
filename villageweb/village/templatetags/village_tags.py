import json
from dataclasses import dataclass

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from villageweb.freshness.site_cache import cached_for_site

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
        pages = site.root_page.get_children().live().public().in_menu()
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


@register.filter
def page_description(page) -> str:
    """A page's description in its own words, for search results and the meta/og description: its
    search description, else its type's `meta_description()`, else its `summary` text, never the
    text of a method or an object (a page type may use `summary` for something else)."""
    if page is None:
        return ""
    if page.search_description:
        return page.search_description
    specific = page.specific
    describe = getattr(specific, "meta_description", None)
    if callable(describe):
        return describe() or ""
    summary = getattr(specific, "summary", "")
    return summary if isinstance(summary, str) else ""


@register.filter
def canonical_url(url: str) -> str:
    """The page's address without its query string (tracking parameters, a search, a page number):
    what the canonical link and og:url name."""
    return url.split("?", 1)[0].split("#", 1)[0]


# Characters that could end or open an element inside <script>, written as JSON escapes instead.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def structured_data(context, page) -> str:
    """schema.org JSON-LD from the page type's own `structured_data(request)` (a dict, or None),
    for search engines and chat apps; nothing for a page type without it."""
    describe = getattr(page.specific, "structured_data", None) if page else None
    data = describe(context["request"]) if callable(describe) else None
    if not data:
        return ""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
