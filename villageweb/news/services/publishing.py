"""Publishing news from outside the admin: `news_publish` for scripts and other regency systems,
`news_write` for Tulis Kabar, both as real Wagtail revisions."""

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django_tenants.utils import schema_context
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.images import get_permission_policy
from wagtail.images.models import Image
from wagtail.images.utils import get_allowed_image_extensions

from tenants.models import Village
from villageweb.media.disk_full import StorageFull
from villageweb.media.quota import StorageQuotaExceeded, storage_quota_check
from villageweb.news.models import NewsIndexPage, NewsPage, NewsSubmission
from villageweb.news.services import NewsPublishError
from villageweb.news.services.photos import PHOTOS_MAX, PreparedPhoto, photos_size

SUMMARY_MAX_LENGTH = NewsPage._meta.get_field("summary").max_length
TITLE_MAX_LENGTH = NewsPage._meta.get_field("title").max_length
image_permission_policy = get_permission_policy()


@dataclass(frozen=True)
class PublishedNews:
    id: int
    url: str

    def as_dict(self) -> dict:
        return asdict(self)


def _village_for(code: str) -> Village:
    village = Village.objects.villages().filter(code=code.strip()).first()
    if village is None:
        raise NewsPublishError(f"Desa dengan kode '{code}' tidak ditemukan.")
    if village.status != Village.Status.ACTIVE:
        raise NewsPublishError(
            f"{village.display_name} berstatus '{village.get_status_display()}': "
            "berita tidak dapat diterbitkan."
        )
    return village


def _checked_image(image_path: Path | None) -> Path | None:
    if image_path is None:
        return None
    if not image_path.is_file():
        raise NewsPublishError(f"Berkas gambar '{image_path}' tidak ditemukan.")
    allowed = get_allowed_image_extensions()
    if image_path.suffix.lower().lstrip(".") not in allowed:
        raise NewsPublishError(
            f"Berkas '{image_path.name}' bukan jenis gambar yang diterima ({', '.join(allowed).upper()})."
        )
    try:
        with PILImage.open(image_path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError) as error:
        raise NewsPublishError(f"Berkas '{image_path}' bukan gambar yang dapat dibaca.") from error
    return image_path


def _body_blocks(body_text: str) -> list[tuple[str, str]]:
    """Plain text with blank lines between paragraphs -> paragraph blocks (escaped, never raw HTML)."""
    paragraphs = [" ".join(part.split()) for part in body_text.replace("\r\n", "\n").split("\n\n")]
    return [("paragraph", f"<p>{escape(text)}</p>") for text in paragraphs if text]


def _unique_slug(index: NewsIndexPage, title: str) -> str:
    base = slugify(title)[:200] or "berita"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def news_publish(
    *,
    village_code: str,
    title: str,
    summary: str,
    body_text: str = "",
    image_path: Path | None = None,
    date: datetime.date | None = None,
) -> PublishedNews:
    """Publish one NewsPage under the village's Berita page; every check runs before anything is written."""
    title, summary = title.strip(), summary.strip()
    if not title:
        raise NewsPublishError("Judul berita tidak boleh kosong.")
    if len(title) > TITLE_MAX_LENGTH:
        raise NewsPublishError(f"Judul berita terlalu panjang (paling banyak {TITLE_MAX_LENGTH} karakter).")
    if not summary:
        raise NewsPublishError("Ringkasan berita tidak boleh kosong.")
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise NewsPublishError(
            f"Ringkasan terlalu panjang: {len(summary)} karakter, paling banyak {SUMMARY_MAX_LENGTH}."
        )
    village = _village_for(village_code)
    image_path = _checked_image(image_path)
    with schema_context(village.schema_name):
        index = NewsIndexPage.objects.first()
        if index is None:
            raise NewsPublishError(f"{village.display_name} belum memiliki halaman Berita.")
        if image_path is not None:
            try:
                storage_quota_check(adding=image_path.stat().st_size)
            except StorageQuotaExceeded as error:
                raise NewsPublishError(str(error)) from error
        with transaction.atomic():
            image = None
            if image_path is not None:
                with image_path.open("rb") as handle:
                    image = Image(title=title, description=title, file_size=image_path.stat().st_size)
                    image.file = ImageFile(handle, name=image_path.name)
                    image.save()
            page = index.add_child(
                instance=NewsPage(
                    title=title,
                    slug=_unique_slug(index, title),
                    date=date or timezone.localdate(),
                    summary=summary,
                    main_image=image,
                    body=_body_blocks(body_text),
                    live=False,
                )
            )
            page.save_revision().publish()
            _site_id, _root_url, page_path = page.get_url_parts()
    return PublishedNews(id=page.pk, url=f"{village.url}{page_path}")


class NewsAlreadySaved(Exception):
    """The form with this one-time key already made a news item (a retry, a double tap)."""

    def __init__(self, page: NewsPage):
        super().__init__(f"Kiriman ini sudah tersimpan sebagai '{page.title}'.")
        self.page = page


def news_submission_find(*, key) -> NewsPage | None:
    """The news item a Tulis Kabar form with this one-time key created, if any."""
    if key is None:
        return None
    submission = NewsSubmission.objects.select_related("page").filter(key=key).first()
    return submission.page if submission else None


class NewsAction(StrEnum):
    SAVE = "save"
    SUBMIT = "submit"
    PUBLISH = "publish"


@dataclass(frozen=True)
class NewsRights:
    """What a user may do with news under one index, as Wagtail's page permissions say."""

    can_add: bool
    can_publish: bool
    can_submit: bool
    can_add_photos: bool


def news_rights(*, user, index: NewsIndexPage) -> NewsRights:
    permissions = index.permissions_for_user(user)
    can_add = bool(user.is_active) and permissions.can_add_subpage() and NewsPage.can_create_at(index)
    return NewsRights(
        can_add=can_add,
        can_publish=can_add and permissions.can_publish_subpage(),
        can_submit=can_add and index.has_workflow,
        can_add_photos=can_add and image_permission_policy.user_has_permission(user, "add"),
    )


def _photo_collection(user):
    return image_permission_policy.collections_user_has_permission_for(user, "add").order_by("path").first()


def news_write(
    *,
    index: NewsIndexPage,
    user,
    action: NewsAction,
    title: str,
    date: datetime.date,
    summary: str,
    body_text: str = "",
    photos: Sequence[PreparedPhoto] = (),
    categories: Sequence = (),
    submission_key=None,
) -> NewsPage:
    """Create a NewsPage under `index` as a revision by `user`, then save it as a draft, start the
    page's workflow (as Wagtail's create view's "submit" does) or publish it, as `action` says and
    the user's rights allow. One transaction: on any failure no page, no image and no file is left.

    With `submission_key` (the form's one-time key) a second call with the same key creates nothing
    and raises NewsAlreadySaved with the first call's page, even when both run at once (the key's
    unique index makes the second wait for the first and then fail)."""
    existing = news_submission_find(key=submission_key)
    if existing is not None:
        raise NewsAlreadySaved(existing)
    rights = news_rights(user=user, index=index)
    if not rights.can_add:
        raise NewsPublishError("Anda tidak berhak menulis berita di desa ini.")
    if action is NewsAction.PUBLISH and not rights.can_publish:
        raise NewsPublishError("Anda tidak berhak menerbitkan berita; kirim untuk ditinjau.")
    if action is NewsAction.SUBMIT and not rights.can_submit:
        raise NewsPublishError("Desa ini belum memiliki alur persetujuan; simpan sebagai draf.")
    if photos and not rights.can_add_photos:
        raise NewsPublishError("Anda tidak berhak mengunggah foto.")
    if len(photos) > PHOTOS_MAX:
        raise NewsPublishError(f"Paling banyak {PHOTOS_MAX} foto untuk satu berita.")
    try:
        storage_quota_check(adding=photos_size(photos))
    except StorageQuotaExceeded as error:
        raise NewsPublishError(str(error)) from error
    stored = []
    try:
        with transaction.atomic():
            collection = _photo_collection(user) if photos else None
            slug = _unique_slug(index, title)
            for number, photo in enumerate(photos, start=1):
                image = Image(
                    title=f"{title} ({number})" if len(photos) > 1 else title,
                    description=photo.alt,
                    collection=collection,
                    uploaded_by_user=user,
                    file_size=len(photo.content),
                )
                image.file = ContentFile(photo.content, name=f"{slug[:60]}-{number}.{photo.extension}")
                image.save()
                stored.append(image)
            body = list(_body_blocks(body_text)) + [
                ("image", {"image": image, "alt_text": image.description, "decorative": False})
                for image in stored[1:]
            ]
            page = index.add_child(
                instance=NewsPage(
                    title=title,
                    slug=slug,
                    date=date,
                    summary=summary,
                    main_image=stored[0] if stored else None,
                    body=body,
                    owner=user,
                    live=False,
                )
            )
            page.categories.set(categories)
            if submission_key is not None:
                NewsSubmission.objects.create(key=submission_key, page=page)
            revision = page.save_revision(user=user, log_action=True)
            if action is NewsAction.PUBLISH:
                revision.publish(user=user)
            elif action is NewsAction.SUBMIT:
                page.get_workflow().start(page, user)
    except BaseException as error:
        for image in stored:
            image.file.storage.delete(image.file.name)
        if isinstance(error, StorageFull):
            raise NewsPublishError(error.strerror) from error
        if isinstance(error, IntegrityError) and submission_key is not None:
            existing = news_submission_find(key=submission_key)
            if existing is not None:
                raise NewsAlreadySaved(existing) from error
        raise
    page.refresh_from_db()
    return page
