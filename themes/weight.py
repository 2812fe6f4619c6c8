"""What a page costs a visitor on a slow phone: its HTML, CSS and JS compressed, and its images.

Shared by bench/page_weight.py (prints the figures) and the weight test (holds the budget).
"""

import gzip
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.staticfiles import finders

# HTML + CSS + JS of a village home page, compressed, in bytes.
BUDGET_BYTES = 100 * 1024


def compressed_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


@dataclass
class PageAssets(HTMLParser):
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    inline_scripts: int = 0
    images: list[dict] = field(default_factory=list)

    def __post_init__(self):
        HTMLParser.__init__(self)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.stylesheets.append(attributes["href"])
        elif tag == "script":
            if attributes.get("src"):
                self.scripts.append(attributes["src"])
            else:
                self.inline_scripts += 1
        elif tag == "img":
            self.images.append(attributes)


@dataclass(frozen=True)
class PageWeight:
    html_bytes: int
    css_bytes: int
    js_bytes: int
    eager_images: list[dict]
    lazy_images: list[dict]

    @property
    def total_bytes(self) -> int:
        return self.html_bytes + self.css_bytes + self.js_bytes

    @property
    def budget_ratio(self) -> float:
        return self.total_bytes / BUDGET_BYTES


def _static_bytes(url: str) -> bytes:
    path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    if path is None:
        raise FileNotFoundError(f"Static file of {url} not found")
    with open(path, "rb") as handle:
        return handle.read()


def page_weight(html: str) -> PageWeight:
    """Weigh a rendered page: the HTML itself plus every stylesheet and script it links, gzipped."""
    assets = PageAssets()
    assets.feed(html)
    return PageWeight(
        html_bytes=compressed_size(html.encode()),
        css_bytes=sum(compressed_size(_static_bytes(url)) for url in assets.stylesheets),
        js_bytes=sum(compressed_size(_static_bytes(url)) for url in assets.scripts),
        eager_images=[image for image in assets.images if image.get("loading") != "lazy"],
        lazy_images=[image for image in assets.images if image.get("loading") == "lazy"],
    )
