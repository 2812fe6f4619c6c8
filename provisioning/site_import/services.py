"""One village's old site into its VillageWeb site, in one transaction (docs/migrating.md).

`site_import` plans first (which file becomes an image or a document, where each item will live, which
old address redirects where) and reports the plan on a dry run; otherwise it writes the plan: every
news item and page published as a real revision inside one batch of changes
(villageweb.publishing.changes.changes_batched: the portal's federation, the search and reference
indexes, site health and the village's version follow the whole import once, at its end, as they
follow any publish), and every old address a permanent redirect in the village's own redirects table. Items
imported before are found by their old id (`ImportedItem`) and updated, never added twice. Anything
that fails rolls the whole village back and deletes the files already stored.
"""

import zoneinfo
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_tenants.utils import schema_context
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageViewRestriction

from provisioning.site_import.html import BodyContext, body_blocks, file_key, plain_text
from provisioning.site_import.items import Album, Entry, MediaFile, SiteImportError, SiteSource
from provisioning.site_import.models import ImportedItem
from tenants.models import Village
from villageweb.announcements.models import EventIndexPage, EventPage
from villageweb.media.disk_full import StorageFull
from villageweb.media.quota import StorageQuotaExceeded, storage_quota_check
from villageweb.news.models import NewsCategory, NewsIndexPage, NewsPage
from villageweb.publishing.changes import changes_batched, page_add_published
from villageweb.village.models import ContentPage, GalleryAlbumPage, GalleryImage, GalleryIndexPage, HomePage

LOCAL_TIME = zoneinfo.ZoneInfo("Asia/Jakarta")
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}
COLLECTION_NAME = "Arsip situs lama"
SUMMARY_MAX = NewsPage._meta.get_field("summary").max_length
TITLE_MAX = Page._meta.get_field("title").max_length
REDIRECT_PATH_MAX = Redirect._meta.get_field("old_path").max_length
# Old static pages whose slug or title names one of the village's own pages fill that page.
MATCHING_PAGES = [
    ("sejarah", ("sejarah",)),
    ("visi-misi", ("visi", "misi")),
    ("geografis", ("geografis", "wilayah", "letak")),
    ("profil", ("profil", "tentang")),
]
PERSONAL_DATA_NOTE = (
    "Data kependudukan (NIK, KK, keluarga, surat, bantuan) tidak dibaca dan tidak dipindahkan: "
    "hanya tabel artikel, kategori, agenda, galeri dan nama penulis yang dibaca dari OpenSID."
)

Image = get_image_model()
Document = get_document_model()


@dataclass
class ImportReport:
    village: str
    source: str
    dry_run: bool
    counts: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    skipped: list[dict] = field(default_factory=list)
    redirects: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "village": self.village,
            "source": self.source,
            "dry_run": self.dry_run,
            "counts": dict(sorted(self.counts.items())),
            "updated": dict(sorted(self.updated.items())),
            "skipped": self.skipped,
            "redirects": self.redirects,
            "personal_data": PERSONAL_DATA_NOTE,
        }


def _village(code: str) -> Village:
    village = Village.objects.villages().filter(code=code.strip()).first()
    if village is None:
        raise SiteImportError(f"Desa dengan kode '{code}' tidak ditemukan.")
    if village.status != Village.Status.ACTIVE:
        raise SiteImportError(f"{village.display_name} tidak aktif: situs lama tidak dapat diimpor.")
    return village


def _media_path(media_dir: Path, relative: str) -> Path | None:
    """The old upload inside --media, or None; a path leaving the folder (../, absolute) is refused."""
    parts = [part for part in PurePosixPath(relative.replace("\\", "/")).parts if part not in ("/", "")]
    if not parts or any(part in (".", "..") for part in parts):
        return None
    path = media_dir.joinpath(*parts)
    try:
        path.resolve().relative_to(media_dir.resolve())
    except ValueError:
        return None
    return path if path.is_file() else None


@dataclass
class _PlannedFile:
    media: MediaFile
    path: Path
    kind: str  # "image" or "document"
    size: int


def _media_plan(site: SiteSource, media_dir: Path | None, report: ImportReport) -> list[_PlannedFile]:
    wanted: dict[str, MediaFile] = {media.source_id: media for media in site.media}
    for entry in site.entries:
        for media in ([entry.image] if entry.image else []) + entry.documents:
            wanted.setdefault(media.source_id, media)
    for album in site.albums:
        for media, _caption in album.photos:
            wanted.setdefault(media.source_id, media)
    planned = []
    for media in wanted.values():
        if media_dir is None:
            continue
        path = next(
            (
                found
                for found in (_media_path(media_dir, name) for name in [media.path, *media.alternatives])
                if found
            ),
            None,
        )
        extension = Path(media.path).suffix.lower().lstrip(".")
        if path is None:
            report.skipped.append(
                {
                    "kind": "file",
                    "id": media.source_id,
                    "title": media.path,
                    "reason": "berkas tidak ada di folder media",
                }
            )
            continue
        size = path.stat().st_size
        if extension in IMAGE_EXTENSIONS:
            reason = _image_problem(path, size)
            kind = "image"
        elif extension in settings.WAGTAILDOCS_EXTENSIONS:
            reason = (
                "dokumen lebih besar dari batas unggah"
                if size > settings.VILLAGEWEB_DOCUMENT_MAX_UPLOAD_SIZE
                else None
            )
            kind = "document"
        else:
            reason, kind = f"jenis berkas .{extension} tidak diterima", ""
        if reason:
            report.skipped.append(
                {"kind": "file", "id": media.source_id, "title": media.path, "reason": reason}
            )
            continue
        planned.append(_PlannedFile(media=media, path=path, kind=kind, size=size))
    return planned


def _image_problem(path: Path, size: int) -> str | None:
    if size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
        return "gambar lebih besar dari batas unggah"
    try:
        with PILImage.open(path) as image:
            if image.width * image.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
                return "gambar terlalu besar ukurannya (piksel)"
            image.verify()
    except (UnidentifiedImageError, OSError, PILImage.DecompressionBombError):
        return "bukan gambar yang dapat dibaca"
    return None


class _Writer:
    """The write phase of one import, inside the village's schema and one transaction."""

    def __init__(self, *, site: SiteSource, report: ImportReport, progress: Callable[[int, int], None]):
        self.site = site
        self.report = report
        self.progress = progress
        self.source = site.source
        self.known = {
            (item.kind, item.source_id): item.object_id
            for item in ImportedItem.objects.filter(source=site.source)
        }
        self.remembered: dict[tuple[str, str], int] = {}  # written by items_remember() at the end
        self.stored_files: list = []
        self.slugs_taken: dict[int, set[str]] = {}  # parent page id -> its children's slugs
        self.slugs_planned: dict[tuple[int, str, str], str] = {}  # (parent, kind, old id) -> slug
        self.categories: dict[str, NewsCategory] = {}
        self.images_by_id: dict[str, object] = {}
        self.images_by_key: dict[str, object] = {}
        self.documents_by_key: dict[str, object] = {}
        self.new_url: dict[str, str] = {}  # normalised old path -> new URL
        self.pages_by_old_path: dict[str, Page] = {}

    def remember(self, kind: str, source_id: str, object_id: int) -> None:
        if self.known.get((kind, source_id)) != object_id:
            self.remembered[(kind, source_id)] = object_id
            self.known[(kind, source_id)] = object_id

    def items_remember(self) -> None:
        """Which old item became which object, for a rerun: one statement for the whole import."""
        ImportedItem.objects.bulk_create(
            [
                ImportedItem(source=self.source, kind=kind, source_id=source_id, object_id=object_id)
                for (kind, source_id), object_id in self.remembered.items()
            ],
            batch_size=500,
            update_conflicts=True,
            unique_fields=["source", "kind", "source_id"],
            update_fields=["object_id", "imported_at"],
        )

    def count(self, kind: str, existed: bool) -> None:
        (self.report.updated if existed else self.report.counts)[kind] += 1

    # Files

    def collection(self) -> Collection:
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name=COLLECTION_NAME).first()
        return existing or root.add_child(name=COLLECTION_NAME)

    def files_store(self, planned: list[_PlannedFile]) -> None:
        new_size = sum(item.size for item in planned if (item.kind, item.media.source_id) not in self.known)
        try:
            storage_quota_check(adding=new_size)
        except StorageQuotaExceeded as error:
            raise SiteImportError(f"Berkas dari folder media tidak muat: {error}") from error
        collection = self.collection() if planned else None
        for done, item in enumerate(planned, start=1):
            model = Image if item.kind == "image" else Document
            existing_id = self.known.get((item.kind, item.media.source_id))
            stored = model.objects.filter(pk=existing_id).first() if existing_id else None
            title = (item.media.title or Path(item.media.path).stem)[:255]
            if stored is None:
                stored = model(title=title, collection=collection, file_size=item.size)
                if item.kind == "image":
                    stored.description = title
                with item.path.open("rb") as handle:
                    wrapper = ImageFile if item.kind == "image" else File
                    stored.file = wrapper(handle, name=item.path.name)
                    stored.save()
                self.stored_files.append(stored.file)
                self.remember(item.kind, item.media.source_id, stored.pk)
                self.count(item.kind, existed=False)
            else:
                self.count(item.kind, existed=True)
            key_target = self.images_by_key if item.kind == "image" else self.documents_by_key
            key_target[file_key(item.media.path)] = stored
            key_target[file_key("/" + item.media.path)] = stored
            for old_path in item.media.old_paths:
                key_target[file_key(old_path)] = stored
                self.redirect_add(old_path, stored.file.url if item.kind == "image" else stored.url)
            if item.kind == "image":
                self.images_by_id[item.media.source_id] = stored
            self.progress(done, len(planned))

    def image_for(self, url: str):
        key = file_key(url)
        found = self.images_by_key.get(key)
        if found is None:
            for suffix_key, image in self.images_by_key.items():
                if key.endswith(suffix_key) and suffix_key.count("/") >= 1 and suffix_key != "/":
                    return image
        return found

    def document_for(self, url: str):
        return self.documents_by_key.get(file_key(url)) if url else None

    def link_for(self, url: str) -> str | None:
        parsed = urlparse(url.strip())
        path = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
        return self.new_url.get(Redirect.normalise_path(path))

    def body(self, raw: str) -> list:
        context = BodyContext(
            image_for=self.image_for,
            document_for=self.document_for,
            image_by_id=self.images_by_id.get,
            link_for=self.link_for,
        )
        return body_blocks(raw, context)

    # Redirects

    def redirect_add(self, old_path: str, target: str | Page) -> None:
        normalised = Redirect.normalise_path(old_path)
        link = target if isinstance(target, str) else target.url
        if normalised in ("", "/") or normalised == Redirect.normalise_path(link or ""):
            return
        if len(normalised) > REDIRECT_PATH_MAX:
            self.report.skipped.append(
                {
                    "kind": "redirect",
                    "id": "",
                    "title": old_path[:200],
                    "reason": "alamat lama terlalu panjang",
                }
            )
            return
        self.new_url[normalised] = link
        if isinstance(target, Page):
            self.pages_by_old_path[normalised] = target
        self.report.redirects.append({"from": normalised, "to": link})

    def redirects_save(self) -> None:
        existing = {redirect.old_path: redirect for redirect in Redirect.objects.filter(site__isnull=True)}
        new = []
        for old_path, link in self.new_url.items():
            page = self.pages_by_old_path.get(old_path)
            values = {"redirect_page": page, "redirect_link": "" if page else link, "is_permanent": True}
            redirect = existing.get(old_path)
            if redirect is None:
                new.append(Redirect(old_path=old_path, site=None, **values))
            elif any(getattr(redirect, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(redirect, name, value)
                redirect.save()
        Redirect.objects.bulk_create(new, batch_size=500)
        self.report.counts["redirects"] = len(self.new_url)

    # Pages

    def existing_page(self, kind: str, source_id: str, model):
        page_id = self.known.get((kind, source_id))
        return model.objects.filter(pk=page_id).first() if page_id else None

    def unique_slug(self, parent: Page, wanted: str, title: str, page: Page | None, *, key=None) -> str:
        """A slug no other child of `parent` has. With `key` (kind, old id), the same item always gets
        the slug it got first, so that _plan_urls and the write agree (two old posts both called
        "rapat" become "rapat" and "rapat-2" in the plan and on the site alike)."""
        planned = self.slugs_planned.get((parent.pk, *key)) if key else None
        if planned is not None:
            return planned
        if parent.pk not in self.slugs_taken:
            self.slugs_taken[parent.pk] = set(parent.get_children().values_list("slug", flat=True))
        taken = self.slugs_taken[parent.pk]
        base = (slugify(wanted) or slugify(title) or "halaman")[:200]
        if page is not None and page.pk is not None:
            current = Page.objects.filter(pk=page.pk).values_list("slug", flat=True).first()
            taken.discard(current)
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        if key:
            self.slugs_planned[(parent.pk, *key)] = slug
        return slug

    def publish(self, parent: Page, page: Page, *, entry: Entry | None, existed: bool) -> Page:
        """A new page straight in live with its revision (villageweb.publishing's batch path); a page
        imported before, a village's own page or a scheduled post through Wagtail's save and publish,
        which also keeps what they already have (history, scheduling)."""
        go_live = entry.date if entry and entry.scheduled and entry.date > timezone.now() else None
        page.go_live_at = go_live
        if not existed and not go_live:
            page = page_add_published(
                parent=parent, page=page, first_published_at=entry.date if entry else None
            )
        else:
            if page.first_published_at is None and not go_live and entry:
                page.first_published_at = entry.date
            page = self.placed(parent, page, existed)
            page.save_revision().publish()
        if entry is not None:
            self.restriction_keep(page, entry, existed=existed)
        return page

    def restriction_keep(self, page: Page, entry: Entry, *, existed: bool) -> None:
        if not entry.password:
            return
        restriction = PageViewRestriction.objects.filter(page=page).first() if existed else None
        if restriction is None:
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password=entry.password[:255]
            )
        elif restriction.password != entry.password[:255]:
            restriction.restriction_type = PageViewRestriction.PASSWORD
            restriction.password = entry.password[:255]
            restriction.save()

    def placed(self, parent: Page, page: Page, existed: bool) -> Page:
        if existed:
            return page
        return parent.add_child(instance=page)

    def relations_set(self, page: NewsPage, entry: Entry, existed: bool) -> None:
        """Categories and tags, in memory before the page's first save (modelcluster writes them with
        it and its revision carries them), or on the saved page before its new revision."""
        page.categories = [self.category(name) for name in entry.categories if name.strip()]
        if entry.tags or existed:
            page.tags.set([name[:100] for name in entry.tags], clear=True)

    def news_write(self, entry: Entry, index: NewsIndexPage) -> None:
        page = self.existing_page("news", entry.source_id, NewsPage)
        existed = page is not None
        page = page or NewsPage(live=False)
        page.title = entry.title[:TITLE_MAX] or "Berita"
        page.slug = self.unique_slug(index, entry.slug, entry.title, page, key=("news", entry.source_id))
        page.date = entry.date.astimezone(LOCAL_TIME).date()
        page.byline = entry.author[:100]
        summary = plain_text(entry.summary, limit=SUMMARY_MAX) or plain_text(entry.html, limit=SUMMARY_MAX)
        page.summary = summary or page.title[:SUMMARY_MAX]
        page.body = self.body(entry.html)
        page.main_image = self.image_for_media(entry.image)
        self.relations_set(page, entry, existed)
        page = self.publish(index, page, entry=entry, existed=existed)
        self.remember("news", entry.source_id, page.pk)
        self.count("scheduled_news" if page.go_live_at else "news", existed)
        self.redirects_for(entry.old_paths, page)

    def image_for_media(self, media: MediaFile | None):
        if media is None:
            return None
        return self.images_by_id.get(media.source_id) or self.images_by_key.get(file_key(media.path))

    def category(self, name: str) -> NewsCategory:
        name = " ".join(name.split())[:80]
        if name.lower() in self.categories:
            return self.categories[name.lower()]
        category = NewsCategory.objects.filter(name__iexact=name).first()
        if category is None:
            slug, number = slugify(name)[:70] or "kategori", 2
            base = slug
            while NewsCategory.objects.filter(slug=slug).exists():
                slug, number = f"{base}-{number}", number + 1
            category = NewsCategory.objects.create(name=name, slug=slug)
        self.categories[name.lower()] = category
        return category

    def page_target(self, entry: Entry, home: Page) -> tuple[Page | None, Page]:
        """(the village's own page to fill, or None; the parent of a new general page)."""
        words = f"{slugify(entry.slug)}-{slugify(entry.title)}"
        for slug, keys in MATCHING_PAGES:
            if all(key in words for key in keys):
                page = Page.objects.descendant_of(home).filter(slug=slug).first()
                if page is None:
                    continue
                page = page.specific
                if not hasattr(page, "body"):
                    continue
                imported = self.known.get(("page", entry.source_id)) == page.pk
                if imported or not list(page.body):
                    return page, home
        return None, home

    def static_page_write(self, entry: Entry, home: Page) -> None:
        own, parent = self.page_target(entry, home)
        page = own or self.existing_page("page", entry.source_id, ContentPage)
        existed = page is not None
        imported_before = ("page", entry.source_id) in self.known
        if own is None:
            page = page or ContentPage(live=False, show_in_menus=False)
            page.title = entry.title[:TITLE_MAX] or "Halaman"
            page.slug = self.unique_slug(parent, entry.slug, entry.title, page, key=("page", entry.source_id))
        page.body = self.body(entry.html)
        page = self.publish(parent, page, entry=entry, existed=existed)
        self.remember("page", entry.source_id, page.pk)
        self.count("pages", imported_before)
        self.redirects_for(entry.old_paths, page)

    def event_write(self, entry: Entry, index: EventIndexPage) -> None:
        page = self.existing_page("event", entry.source_id, EventPage)
        existed = page is not None
        page = page or EventPage(live=False)
        page.title = entry.title[:TITLE_MAX] or "Agenda"
        page.slug = self.unique_slug(index, entry.slug, entry.title, page, key=("event", entry.source_id))
        page.start = entry.date
        page.end = max(entry.end or entry.date, entry.date)
        page.place = (entry.place or "Lihat keterangan")[:200]
        page.description = plain_text(entry.html, limit=5000) or entry.title
        page = self.publish(index, page, entry=entry, existed=existed)
        self.remember("event", entry.source_id, page.pk)
        self.count("events", existed)
        self.redirects_for(entry.old_paths, page)

    def album_write(self, album: Album, index: GalleryIndexPage) -> None:
        photos = [(self.images_by_id.get(media.source_id), caption) for media, caption in album.photos]
        photos = [(image, caption) for image, caption in photos if image is not None]
        if not photos:
            self.report.skipped.append(
                {
                    "kind": "album",
                    "id": album.source_id,
                    "title": album.title,
                    "reason": "album tanpa foto yang terbaca",
                }
            )
            return
        page = self.existing_page("album", album.source_id, GalleryAlbumPage)
        existed = page is not None
        page = page or GalleryAlbumPage(live=False)
        page.title = album.title[:TITLE_MAX] or "Album"
        page.slug = self.unique_slug(index, album.title, album.title, page, key=("album", album.source_id))
        page.date = album.date
        page.gallery_images.set(
            [
                GalleryImage(image=image, caption=caption[:250], sort_order=number)
                for number, (image, caption) in enumerate(photos)
            ]
        )
        page = self.publish(index, page, entry=None, existed=existed)
        self.remember("album", album.source_id, page.pk)
        self.count("albums", existed)
        self.redirects_for(album.old_paths, page)

    def redirects_for(self, old_paths: list[str], page: Page) -> None:
        for old_path in old_paths:
            self.redirect_add(old_path, page)


def _plan_urls(writer: _Writer, site: SiteSource, home: Page, indexes: dict) -> None:
    """Old link -> new address for every item before any body is written, so that links between
    old items point at their new pages. Existing pages keep their address; new ones get the
    address their slug will give."""
    for entry in site.entries:
        parent = {"news": indexes["news"], "event": indexes["event"]}.get(entry.kind, home)
        kind = {"news": "news", "event": "event"}.get(entry.kind, "page")
        page_id = writer.known.get((kind, entry.source_id))
        page = Page.objects.filter(pk=page_id).first() if page_id else None
        if page is None and entry.kind == "page":
            page, parent = writer.page_target(entry, home)
        if page is not None:
            url = page.url
        elif parent is not None:
            slug = writer.unique_slug(parent, entry.slug, entry.title, None, key=(kind, entry.source_id))
            url = f"{parent.url}{slug}/"
        else:
            continue
        for old_path in entry.old_paths:
            writer.new_url[Redirect.normalise_path(old_path)] = url


def site_import(
    *,
    village_code: str,
    site: SiteSource,
    media_dir: Path | None = None,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportReport:
    """Import `site` into the village: everything or, on any error, nothing."""
    village = _village(village_code)
    if media_dir is not None and not media_dir.is_dir():
        raise SiteImportError(f"Folder media '{media_dir}' tidak ditemukan.")
    report = ImportReport(village=village.code, source=site.source, dry_run=dry_run)
    report.skipped.extend(item.as_dict() for item in site.skipped)
    step = progress or (lambda _stage, _done, _total: None)
    with schema_context(village.schema_name):
        planned = _media_plan(site, media_dir, report)
        home = HomePage.objects.first()
        indexes = {
            "news": NewsIndexPage.objects.first(),
            "event": EventIndexPage.objects.first(),
            "gallery": GalleryIndexPage.objects.first(),
        }
        if home is None or indexes["news"] is None:
            raise SiteImportError(f"{village.display_name} belum memiliki halaman beranda dan Berita.")
        if dry_run:
            return _dry_report(report, site, planned, indexes)
        writer = _Writer(site=site, report=report, progress=lambda done, total: step("berkas", done, total))
        try:
            with transaction.atomic(), changes_batched():
                writer.files_store(planned)
                for taxonomy in site.taxonomies:
                    key = "kategori" if taxonomy.kind == "category" else "tag"
                    value = slugify(taxonomy.name) or taxonomy.name
                    if taxonomy.kind == "category":
                        value = writer.category(taxonomy.name).slug
                    target = f"{indexes['news'].url}?{key}={value}"
                    for old_path in taxonomy.old_paths:
                        writer.redirect_add(old_path, target)
                for old_path in site.home_paths:
                    writer.redirect_add(old_path, home)
                _plan_urls(writer, site, home, indexes)
                total = len(site.entries) + len(site.albums)
                for done, entry in enumerate(site.entries, start=1):
                    if entry.kind == "news":
                        writer.news_write(entry, indexes["news"])
                    elif entry.kind == "event" and indexes["event"] is not None:
                        writer.event_write(entry, indexes["event"])
                    elif entry.kind == "page":
                        writer.static_page_write(entry, home)
                    step("konten", done, total)
                for done, album in enumerate(site.albums, start=len(site.entries) + 1):
                    if indexes["gallery"] is not None:
                        writer.album_write(album, indexes["gallery"])
                    step("konten", done, total)
                writer.redirects_save()
                writer.items_remember()
        except BaseException as error:
            for stored in writer.stored_files:
                stored.storage.delete(stored.name)
            if isinstance(error, StorageFull):
                raise SiteImportError(error.strerror) from error
            raise
    return report


def _dry_report(
    report: ImportReport, site: SiteSource, planned: list[_PlannedFile], indexes: dict
) -> ImportReport:
    """What an import would bring in, from the plan alone (nothing is written, no file is stored)."""
    now = timezone.now()
    for entry in site.entries:
        if entry.kind == "news":
            report.counts["scheduled_news" if entry.scheduled and entry.date > now else "news"] += 1
        elif entry.kind == "event":
            report.counts["events"] += 1
        else:
            report.counts["pages"] += 1
    report.counts["albums"] += sum(1 for album in site.albums if album.photos)
    for item in planned:
        report.counts[item.kind] += 1
    try:
        storage_quota_check(adding=sum(item.size for item in planned))
    except StorageQuotaExceeded as error:
        report.skipped.append({"kind": "file", "id": "", "title": "", "reason": str(error)})
    paths = [path for entry in site.entries for path in entry.old_paths]
    paths += [path for album in site.albums for path in album.old_paths]
    paths += [path for taxonomy in site.taxonomies for path in taxonomy.old_paths]
    paths += [path for item in planned for path in item.media.old_paths] + site.home_paths
    normalised = {Redirect.normalise_path(path) for path in paths} - {"", "/"}
    report.counts["redirects"] = len(normalised)
    report.redirects = [{"from": path, "to": None} for path in sorted(normalised)]
    return report
