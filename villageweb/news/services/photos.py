"""Tulis Kabar's photos: each one checked and shrunk in memory, nothing stored until news_write."""

import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError
from wagtail.images.models import Image

from villageweb.news.services import NewsPublishError

PHOTOS_MAX = 4
PHOTO_LONG_SIDE = 1600
PHOTO_JPEG_QUALITY = 82
ALT_TEXT_MAX_LENGTH = Image._meta.get_field("description").max_length
# Formats a phone's camera or gallery hands over; the stored photo is always JPEG or PNG.
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "AVIF", "MPO"}


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo checked and resized in memory: nothing is stored until news_write saves it."""

    content: bytes
    extension: str
    width: int
    height: int
    alt: str


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def photo_prepare(*, upload, alt: str, number: int) -> PreparedPhoto:
    """Check one uploaded photo and shrink it to PHOTO_LONG_SIDE on its long side, turned upright
    by its EXIF orientation (a phone stores portraits sideways and says so in EXIF)."""
    label = f"Foto {number}"
    if upload.size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
        raise NewsPublishError(
            f"{label} terlalu besar ({_megabytes(upload.size)} MB); paling besar "
            f"{_megabytes(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)} MB."
        )
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            if image.format not in PHOTO_FORMATS:
                raise NewsPublishError(f"{label} bukan foto JPEG, PNG, WebP, GIF atau AVIF.")
            if image.width * image.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
                raise NewsPublishError(
                    f"{label} terlalu besar ukurannya ({image.width} × {image.height} piksel); "
                    f"paling banyak {settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000} juta piksel."
                )
            image.load()
            upright = ImageOps.exif_transpose(image)
            keep_transparency = upright.mode in ("RGBA", "LA") or "transparency" in upright.info
            upright = upright.convert("RGBA" if keep_transparency else "RGB")
            upright.thumbnail((PHOTO_LONG_SIDE, PHOTO_LONG_SIDE), PILImage.Resampling.LANCZOS)
            output = io.BytesIO()
            if keep_transparency:
                upright.save(output, format="PNG", optimize=True)
                extension = "png"
            else:
                upright.save(output, format="JPEG", quality=PHOTO_JPEG_QUALITY, optimize=True)
                extension = "jpg"
    except NewsPublishError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, PILImage.DecompressionBombError) as error:
        raise NewsPublishError(f"{label} bukan gambar yang dapat dibaca. Pilih berkas foto.") from error
    return PreparedPhoto(
        content=output.getvalue(), extension=extension, width=upright.width, height=upright.height, alt=alt
    )


def photos_size(photos: Sequence[PreparedPhoto]) -> int:
    """Bytes the prepared photos will take once stored (what counts against the quota)."""
    return sum(len(photo.content) for photo in photos)
