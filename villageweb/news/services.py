"""Publishing news from outside the admin (scripts, other regency systems) as real Wagtail revisions."""

import datetime
from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django_tenants.utils import schema_context
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.images.models import Image
from wagtail.images.utils import get_allowed_image_extensions

from tenants.models import Village
from villageweb.news.models import NewsIndexPage, NewsPage

SUMMARY_MAX_LENGTH = NewsPage._meta.get_field("summary").max_length
TITLE_MAX_LENGTH = NewsPage._meta.get_field("title").max_length


class NewsPublishError(Exception):
    """Input that cannot become a published news item. The message is for the operator, in Indonesian."""


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
        with transaction.atomic():
            image = None
            if image_path is not None:
                with image_path.open("rb") as handle:
                    image = Image(title=title, description=title)
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
