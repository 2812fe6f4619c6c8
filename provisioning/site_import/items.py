"""The old site as plain items, whatever it was built with. Readers in `sources/` fill a `SiteSource`;
`services.site_import` writes it. Nothing here knows WordPress or OpenSID."""

import codecs
import datetime
import unicodedata
from dataclasses import dataclass, field


class SiteImportError(Exception):
    """An export or backup that cannot be imported. The message is for the operator, in Indonesian."""


def _cp1252_fallback(error: UnicodeDecodeError):
    """Bytes that are not UTF-8 in an otherwise UTF-8 file (old latin1 tables, a pasted Word text):
    read them as Windows-1252, as the browsers that showed the old site did."""
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error("villageweb_cp1252", _cp1252_fallback)


def text_decode(data: bytes) -> str:
    """UTF-8 text with any non-UTF-8 leftovers read as Windows-1252 and control characters dropped
    (PostgreSQL refuses NUL; the rest only hides text)."""
    text = data.decode("utf-8", errors="villageweb_cp1252")
    if text.startswith("\ufeff"):
        text = text[1:]
    return "".join(char for char in text if char in "\t\n\r" or unicodedata.category(char) != "Cc")


@dataclass
class MediaFile:
    """An upload of the old site: `path` is relative to the --media folder."""

    source_id: str
    path: str
    title: str = ""
    old_paths: list[str] = field(default_factory=list)
    # Other places the same upload may be (OpenSID keeps "sedang_" and "kecil_" copies beside it).
    alternatives: list[str] = field(default_factory=list)


@dataclass
class Entry:
    """A post, article, static page or agenda item."""

    kind: str  # "news", "page" or "event"
    source_id: str
    title: str
    slug: str
    html: str
    date: datetime.datetime
    author: str = ""
    summary: str = ""
    categories: list[str] = field(default_factory=list)  # names
    tags: list[str] = field(default_factory=list)
    image: MediaFile | None = None
    documents: list[MediaFile] = field(default_factory=list)
    scheduled: bool = False
    password: str = ""
    old_paths: list[str] = field(default_factory=list)
    place: str = ""
    end: datetime.datetime | None = None


@dataclass
class Album:
    source_id: str
    title: str
    date: datetime.date | None
    photos: list[tuple[MediaFile, str]] = field(default_factory=list)
    old_paths: list[str] = field(default_factory=list)


@dataclass
class Taxonomy:
    """A category or tag archive of the old site, for its redirect."""

    kind: str  # "category" or "tag"
    name: str
    old_paths: list[str] = field(default_factory=list)


@dataclass
class Skipped:
    kind: str
    source_id: str
    title: str
    reason: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "id": self.source_id, "title": self.title, "reason": self.reason}


@dataclass
class SiteSource:
    source: str  # "wordpress" or "opensid"
    entries: list[Entry] = field(default_factory=list)
    albums: list[Album] = field(default_factory=list)
    media: list[MediaFile] = field(default_factory=list)
    taxonomies: list[Taxonomy] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # Old paths of the site's home (a subfolder install's "/web/"): they redirect to the new home.
    home_paths: list[str] = field(default_factory=list)
