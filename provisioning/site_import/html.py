"""An old site's HTML body -> the blocks of the village's ContentStreamBlock.

What the old editor left in a body is hostile input: scripts, styles, forms and frames are dropped
with their content, then Wagtail's own whitelist for the paragraph block's features keeps only the
markup its rich text allows. Gutenberg's block comments are HTML comments and go with them; WordPress
shortcodes are read the way WordPress itself reads them (`get_shortcode_regex`): [caption] becomes
the photo with its caption, [gallery] a gallery block, [embed] and video frames a plain link (the
platform's pages load nothing from other origins), any other shortcode only its inner text.
Images become image blocks when the old file was imported, links to old pages and files point at
their new place.
"""

import functools
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from villageweb.village.blocks import ContentStreamBlock

PARAGRAPH_FEATURES = ContentStreamBlock.base_blocks["paragraph"].features


@functools.cache
def _converter() -> EditorHTMLConverter:
    """Built on first use: building it reads every app's wagtail_hooks (the rich-text features)."""
    return EditorHTMLConverter(features=PARAGRAPH_FEATURES)


DROPPED = [
    "script",
    "style",
    "noscript",
    "template",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "head",
    "title",
    "meta",
    "link",
    "base",
]
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
BLOCK_TAGS = {
    "p",
    "h2",
    "h3",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "div",
    "section",
    "article",
    "figure",
    "table",
    "hr",
    "address",
    "center",
    "header",
    "footer",
    "aside",
    "main",
    "nav",
}
VIDEO_HOSTS = (
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "facebook.com",
    "instagram.com",
    "twitter.com",
    "x.com",
    "tiktok.com",
    "google.com",
    "drive.google.com",
)
# WordPress's own shortcode grammar (wp-includes/shortcodes.php get_shortcode_regex), for any tag name:
# [name attrs], [name attrs /], [name attrs]inner[/name], and [[escaped]].
SHORTCODE = re.compile(
    r"\[(\[?)([\w-]+)(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)(?:(/)\]|\](?:([^\[]*(?:\[(?!/\2\])[^\[]*)*)\[/\2\])?)(\]?)",
    re.S,
)
SHORTCODE_ATTRIBUTE = re.compile(
    r"([\w-]+)\s*=\s*\"([^\"]*)\"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'\"]+)"
)
# WordPress's resized copies: photo-300x200.jpg is a size of photo.jpg.
RESIZED = re.compile(r"-\d+x\d+(\.\w+)$")
# A Gutenberg gallery block, from its opening comment (attributes as JSON) to its closing one. Block
# comments are Gutenberg's own serialisation (wp-includes/blocks.php parse_blocks reads them the same
# way); WordPress 5.0-5.8 lists the attachment ids in the attributes, 5.9 and later nests an image
# block (with its id) per photo.
GUTENBERG_GALLERY = re.compile(r"<!--\s*wp:gallery(\s+\{.*?\})?\s*-->(.*?)<!--\s*/wp:gallery\s*-->", re.S)
GUTENBERG_IMAGE_ID = re.compile(r"<!--\s*wp:image\s+(\{.*?\})\s*/?-->", re.S)
IMAGE_CLASS_ID = re.compile(r"\bwp-image-(\d+)\b|\bdata-id=[\"']?(\d+)")


@dataclass
class BodyContext:
    """What the converter needs from the import: the image/document imported for an old file URL or
    attachment id, and the new address of an old link."""

    image_for: Callable[[str], object | None]
    document_for: Callable[[str], object | None]
    image_by_id: Callable[[str], object | None]
    link_for: Callable[[str], str | None]
    images_missing: list[str] = field(default_factory=list)


def file_key(url: str) -> str:
    """An old upload's address reduced to what identifies its file (path, original size; the query
    where it names the file, as ?attachment_id=5 does)."""
    parsed = urlparse(html.unescape(url.strip()))
    path = RESIZED.sub(r"\1", parsed.path).lower()
    return f"{path}?{parsed.query}" if parsed.query else path


def _attributes(text: str) -> dict[str, str]:
    found = {}
    for match in SHORTCODE_ATTRIBUTE.finditer(text):
        name = match.group(1) or match.group(3) or match.group(5)
        found[name.lower()] = match.group(2) or match.group(4) or match.group(6) or ""
    return found


def _gutenberg_gallery_ids(match: re.Match) -> list[str]:
    try:
        attributes = json.loads(match.group(1) or "{}")
    except ValueError:
        attributes = {}
    ids = attributes.get("ids") if isinstance(attributes, dict) else None
    if isinstance(ids, list) and ids:
        return [str(number) for number in ids if str(number).isdigit()]
    found = []
    for image in GUTENBERG_IMAGE_ID.finditer(match.group(2)):
        try:
            number = json.loads(image.group(1)).get("id")
        except (ValueError, AttributeError):
            continue
        if str(number).isdigit():
            found.append(str(number))
    if not found:
        found = [first or second for first, second in IMAGE_CLASS_ID.findall(match.group(2))]
    return list(dict.fromkeys(found))


def _gutenberg_galleries_mark(text: str) -> str:
    """Each Gutenberg gallery block as the [gallery] shortcode of the same photos (nothing when it
    names none), so that both kinds are read by one path, in the order they stand."""

    def shortcode(match: re.Match) -> str:
        ids = _gutenberg_gallery_ids(match)
        return f'[gallery ids="{",".join(ids)}"]' if ids else ""

    return GUTENBERG_GALLERY.sub(shortcode, text)


def galleries_find(raw: str, *, attached: list[str]) -> list[list[str]]:
    """The attachment ids of every gallery in a post, in order: [gallery ids="..."] shortcodes (no
    ids: the post's own attachments, `attached`, as WordPress shows them) and Gutenberg gallery
    blocks of either generation."""
    galleries = []
    for match in SHORTCODE.finditer(_gutenberg_galleries_mark(raw)):
        if match.group(1) == "[" or match.group(2).lower() != "gallery":
            continue
        attributes = _attributes(match.group(3))
        listed = attributes.get("ids") or attributes.get("include") or ""
        ids = [number.strip() for number in listed.split(",") if number.strip().isdigit()]
        galleries.append(ids if listed else list(attached))
    return [ids for ids in galleries if ids]


def _shortcodes_expand(text: str) -> str:
    def expand(match: re.Match) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]
        name, attrs, inner = match.group(2).lower(), _attributes(match.group(3)), match.group(5) or ""
        if name in {"caption", "wp_caption"}:
            caption = attrs.get("caption", "")
            soup = BeautifulSoup(inner, "html.parser")
            image = soup.find("img")
            if image is not None:
                image.extract()
            caption = caption or soup.get_text(" ", strip=True)
            if image is None:
                return f"<p>{html.escape(caption)}</p>"
            image["data-caption"] = caption
            return f"<figure>{image}</figure>"
        if name == "gallery":
            return f'<div data-gallery="{html.escape(attrs.get("ids", ""))}"></div>'
        if name in {"embed", "video", "audio", "youtube"}:
            url = inner.strip() or attrs.get("src", "") or attrs.get("mp4", "")
            return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>' if url else ""
        return _shortcodes_expand(inner)

    return SHORTCODE.sub(expand, text)


def _paragraph_html(nodes: list) -> str:
    markup = "".join(str(node) for node in nodes).strip()
    if not markup:
        return ""
    cleaned = _converter().to_database_format(markup)
    if not BeautifulSoup(cleaned, "html.parser").get_text(strip=True):
        return ""
    if not cleaned.lstrip().startswith(("<p", "<h2", "<h3", "<ul", "<ol")):
        cleaned = f"<p>{cleaned}</p>"
    return cleaned


# A player's embed address, which opens a bare player, as the video's own page a citizen can watch
# and share: YouTube's /embed/ID (and youtube-nocookie's), Vimeo's player.vimeo.com/video/ID.
_EMBEDS = (
    (
        re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]{6,})"),
        "https://www.youtube.com/watch?v={}",
    ),
    (re.compile(r"^https?://player\.vimeo\.com/video/(\d+)"), "https://vimeo.com/{}"),
)


def _watch_url(url: str) -> str:
    for pattern, page in _EMBEDS:
        found = pattern.match(url)
        if found:
            return page.format(found[1])
    return url


def _link_text(url: str) -> str:
    url = _watch_url(url)
    host = urlparse(url).hostname or ""
    label = "Tonton video" if any(host.endswith(video) for video in VIDEO_HOSTS) else "Buka tautan"
    return f'<p>{label}: <a href="{html.escape(url)}">{html.escape(url)}</a></p>'


def _table_block(table: Tag) -> tuple[str, dict] | None:
    rows = [
        [cell.get_text(" ", strip=True)[:250] for cell in row.find_all(["td", "th"])]
        for row in table.find_all("tr")
    ]
    rows = [row for row in rows if any(row)]
    if not rows:
        return None
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    caption = table.find("caption")
    return (
        "table",
        {
            "caption": caption.get_text(" ", strip=True)[:250] if caption else "",
            "header": rows[0],
            "rows": rows[1:],
        },
    )


def body_blocks(raw: str, context: BodyContext) -> list[tuple[str, object]]:
    """Blocks for StreamField assignment: ("paragraph", html), ("image", {...}), ("gallery", {...}),
    ("table", {...}). Paragraph HTML has passed Wagtail's whitelist."""
    soup = BeautifulSoup(
        _shortcodes_expand(_gutenberg_galleries_mark(raw.replace("\r\n", "\n"))), "html.parser"
    )
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    for element in soup.find_all(DROPPED):
        element.decompose()
    for frame in soup.find_all(["iframe", "video", "audio"]):
        source = (
            frame.get("src") or (frame.find("source") or {}).get("src", "")
            if frame.name != "iframe"
            else frame.get("src", "")
        )
        frame.replace_with(BeautifulSoup(_link_text(source), "html.parser") if source else "")
    for name, target in HEADINGS.items():
        for heading in soup.find_all(name):
            heading.name = target
    for anchor in soup.find_all("a"):
        href = anchor.get("href", "")
        document = context.document_for(href) if href else None
        if document is not None:
            anchor.attrs = {"data-linktype": "document", "data-id": str(document.pk)}
            continue
        new = context.link_for(href) if href else None
        if new:
            anchor["href"] = new
    for text in soup.find_all(string=True):
        if isinstance(text, NavigableString) and "\xa0" in text:
            text.replace_with(text.replace("\xa0", " "))

    blocks: list[tuple[str, object]] = []
    pending: list = []

    def flush():
        markup = _paragraph_html(pending)
        pending.clear()
        if markup:
            blocks.append(("paragraph", markup))

    def image_block(image_tag: Tag) -> None:
        image = context.image_for(image_tag.get("src", ""))
        if image is None:
            context.images_missing.append(image_tag.get("src", ""))
            return
        caption = (image_tag.get("data-caption") or "").strip()
        alt = (image_tag.get("alt") or caption or image.title or "").strip()[:250]
        blocks.append(("image", {"image": image, "alt_text": alt or image.title[:250], "decorative": False}))
        if caption:
            # The old site showed it under the photo; the image block has no caption of its own.
            blocks.append(("paragraph", f"<p><i>{html.escape(caption)}</i></p>"))

    def visit(node) -> None:
        if isinstance(node, Tag) and node.get("data-gallery") is not None:
            flush()
            images = [context.image_by_id(number.strip()) for number in node["data-gallery"].split(",")]
            images = [image for image in images if image is not None]
            if images:
                blocks.append(
                    (
                        "gallery",
                        {
                            "images": [
                                {"image": image, "alt_text": image.title[:250], "decorative": False}
                                for image in images
                            ]
                        },
                    )
                )
            return
        if isinstance(node, Tag) and node.name == "table":
            flush()
            table = _table_block(node)
            if table:
                blocks.append(table)
            return
        if isinstance(node, Tag) and node.name == "img":
            flush()
            image_block(node)
            return
        if isinstance(node, Tag) and (
            node.find("img") or node.find("table") or node.find(attrs={"data-gallery": True})
        ):
            if node.name in {"ul", "ol"}:
                for image_tag in node.find_all("img"):
                    image_tag.extract()
                pending.append(node)
                return
            for child in list(node.children):
                visit(child)
            if node.name in BLOCK_TAGS or node.name in HEADINGS.values():
                flush()
            return
        if isinstance(node, Tag) and node.name in BLOCK_TAGS | {"h2", "h3"}:
            flush()
            if node.name not in {"p", "h2", "h3", "ul", "ol"}:
                node.name = "p"
            pending.append(node)
            flush()
            return
        pending.append(node)

    for child in list(soup.children):
        visit(child)
    flush()
    return blocks


def plain_text(raw: str, *, limit: int) -> str:
    """Text of an old HTML fragment (a summary), shortcodes and tags removed, cut at a word."""
    text = " ".join(BeautifulSoup(_shortcodes_expand(raw), "html.parser").get_text(" ").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"
