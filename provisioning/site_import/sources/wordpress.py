"""WordPress's export (WXR 1.2, Tools -> Export -> All content) read with defusedxml: a DTD, entity
expansion or an external entity makes the file refused, never resolved."""

import datetime
import zoneinfo
from pathlib import Path
from urllib.parse import urlparse
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from provisioning.site_import.html import galleries_find, plain_text
from provisioning.site_import.items import (
    Album,
    Entry,
    MediaFile,
    SiteImportError,
    SiteSource,
    Skipped,
    Taxonomy,
    text_decode,
)

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
LOCAL_TIME = zoneinfo.ZoneInfo("Asia/Jakarta")
UPLOADS = "/wp-content/uploads/"
# The Events Calendar, the agenda plugin village WordPress sites use most.
EVENT_TYPES = {"tribe_events"}
LEFT_OUT = {
    "draft": "draf di situs lama",
    "pending": "menunggu tinjauan di situs lama",
    "auto-draft": "draf otomatis",
    "trash": "ada di tempat sampah",
    "private": "tulisan pribadi (private) tidak dipindahkan",
}


def _text(element: Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _path(url: str) -> str:
    """The path and query of an old URL ("http://desa.id/web/?p=3" -> "/web/?p=3")."""
    parsed = urlparse(url.strip())
    if not parsed.path and not parsed.query:
        return ""
    return (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")


def _date(item: Element) -> datetime.datetime:
    gmt = _text(item, "wp:post_date_gmt")
    if gmt and not gmt.startswith("0000"):
        try:
            return datetime.datetime.fromisoformat(gmt).replace(tzinfo=datetime.UTC)
        except ValueError:
            pass
    local = _text(item, "wp:post_date")
    try:
        return datetime.datetime.fromisoformat(local).replace(tzinfo=LOCAL_TIME)
    except ValueError:
        return datetime.datetime.now(tz=datetime.UTC)


def _meta(item: Element) -> dict[str, str]:
    return {
        _text(meta, "wp:meta_key"): _text(meta, "wp:meta_value") for meta in item.findall("wp:postmeta", NS)
    }


def _upload_path(url: str) -> str:
    path = urlparse(url).path
    if UPLOADS in path:
        return path.split(UPLOADS, 1)[1]
    return Path(path).name


def wordpress_read(data: bytes) -> SiteSource:
    """The export's published posts, pages, agenda items, attachments and archives as items."""
    text = text_decode(data)
    try:
        root = fromstring(text.encode("utf-8"), forbid_dtd=True)
    except (ParseError, DefusedXmlException) as error:
        raise SiteImportError(
            f"Berkas ekspor WordPress tidak dapat dibaca (bukan XML WXR yang utuh atau memuat DTD/entitas "
            f"yang ditolak): {error}"
        ) from error
    channel = root.find("channel")
    if root.tag != "rss" or channel is None or channel.find("wp:wxr_version", NS) is None:
        raise SiteImportError(
            "Berkas ini bukan ekspor WordPress (WXR): tidak ada <channel> dengan wp:wxr_version."
        )
    base = urlparse(_text(channel, "wp:base_blog_url") or _text(channel, "link")).path.rstrip("/")
    site = SiteSource(source="wordpress", home_paths=[f"{base}/"] if base else [])
    authors = {
        _text(author, "wp:author_login"): _text(author, "wp:author_display_name")
        for author in channel.findall("wp:author", NS)
    }
    for category in channel.findall("wp:category", NS):
        slug, term_id = _text(category, "wp:category_nicename"), _text(category, "wp:term_id")
        site.taxonomies.append(
            Taxonomy(
                kind="category",
                name=_text(category, "wp:cat_name") or slug,
                old_paths=[f"{base}/category/{slug}/", f"{base}/?cat={term_id}"],
            )
        )
    for tag in channel.findall("wp:tag", NS):
        slug = _text(tag, "wp:tag_slug")
        site.taxonomies.append(
            Taxonomy(
                kind="tag",
                name=_text(tag, "wp:tag_name") or slug,
                old_paths=[f"{base}/tag/{slug}/", f"{base}/?tag={slug}"],
            )
        )
    items = channel.findall("item")
    attachments: dict[str, MediaFile] = {}
    captions: dict[str, str] = {}
    attached: dict[str, list[str]] = {}  # post id -> its attachments (a [gallery] without ids)
    for item in items:
        if _text(item, "wp:post_type") != "attachment":
            continue
        post_id, url = _text(item, "wp:post_id"), _text(item, "wp:attachment_url")
        if not url:
            continue
        paths = [f"{base}/?attachment_id={post_id}", _path(url)]
        link = _path(_text(item, "link"))
        if link and "attachment_id" not in link:
            paths.append(link)
        attachments[post_id] = MediaFile(
            source_id=post_id, path=_upload_path(url), title=_text(item, "title"), old_paths=paths
        )
        captions[post_id] = plain_text(_text(item, "excerpt:encoded"), limit=250)
        attached.setdefault(_text(item, "wp:post_parent"), []).append(post_id)
    site.media = list(attachments.values())
    for item in items:
        post_type, post_id = _text(item, "wp:post_type"), _text(item, "wp:post_id")
        title = _text(item, "title")
        if post_type == "attachment":
            continue
        if post_type not in {"post", "page"} | EVENT_TYPES:
            if post_type not in {"nav_menu_item", "revision", "wp_navigation", "customize_changeset"}:
                site.skipped.append(
                    Skipped(post_type, post_id, title, f"jenis konten '{post_type}' tidak dikenal")
                )
            continue
        status = _text(item, "wp:status")
        password = _text(item, "wp:post_password")
        if status in LEFT_OUT:
            site.skipped.append(Skipped(post_type, post_id, title, LEFT_OUT[status]))
            continue
        if status not in {"publish", "future"}:
            site.skipped.append(Skipped(post_type, post_id, title, f"status '{status}' tidak dipindahkan"))
            continue
        meta = _meta(item)
        kind = {"post": "news", "page": "page"}.get(post_type, "event")
        query = "page_id" if post_type == "page" else "p"
        old_paths = [_path(_text(item, "link")), _path(_text(item, "guid")), f"{base}/?{query}={post_id}"]
        categories = [
            (element.text or "").strip()
            for element in item.findall("category")
            if element.get("domain") == "category"
        ]
        tags = [
            (element.text or "").strip()
            for element in item.findall("category")
            if element.get("domain") == "post_tag"
        ]
        login = _text(item, "dc:creator")
        entry = Entry(
            kind=kind,
            source_id=post_id,
            title=title,
            slug=_text(item, "wp:post_name"),
            html=_text(item, "content:encoded"),
            date=_date(item),
            author=authors.get(login) or login,
            summary=_text(item, "excerpt:encoded"),
            categories=[name for name in categories if name],
            tags=[name for name in tags if name],
            image=attachments.get(meta.get("_thumbnail_id", "")),
            scheduled=status == "future",
            password=password,
            old_paths=list(dict.fromkeys(path for path in old_paths if path)),
        )
        if kind == "event":
            try:
                entry.date = datetime.datetime.fromisoformat(meta["_EventStartDate"]).replace(
                    tzinfo=LOCAL_TIME
                )
                entry.end = datetime.datetime.fromisoformat(meta["_EventEndDate"]).replace(tzinfo=LOCAL_TIME)
            except (KeyError, ValueError):
                site.skipped.append(Skipped(post_type, post_id, title, "agenda tanpa tanggal mulai/selesai"))
                continue
        site.entries.append(entry)
        if kind != "event" and not password and status == "publish":
            site.albums += _albums(entry, attachments, captions, attached.get(post_id, []))
    return site


def _albums(entry: Entry, attachments: dict, captions: dict, attached: list[str]) -> list[Album]:
    """The galleries of a public post or page as the village's gallery albums (the body keeps its
    gallery block too). A protected or scheduled post's photos stay inside it: an album is public."""
    galleries = galleries_find(entry.html, attached=attached)
    albums = []
    for number, ids in enumerate(galleries, start=1):
        photos = [(attachments[key], captions.get(key, "")) for key in ids if key in attachments]
        if not photos:
            continue
        albums.append(
            Album(
                source_id=f"{entry.source_id}-{number}",
                title=entry.title if len(galleries) == 1 else f"{entry.title} ({number})",
                date=entry.date.astimezone(LOCAL_TIME).date(),
                photos=photos,
            )
        )
    return albums
