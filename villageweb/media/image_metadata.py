"""No stored image tells where it was taken or by whom (issue #26, item 5).

A phone photo carries EXIF: GPS position, time, camera serial, sometimes the owner's name; XMP and
JPEG comments can carry more. Published as it is, a village photo of someone's house tells the world
where it is. Every image file is cleaned when it is stored, whatever path brought it (admin upload,
multiple upload, Tulis Kabar, import, restore):

- `image_strip` is the one cleaner: EXIF orientation applied to the pixels, then the image written
  again without EXIF, XMP, comments or text chunks (the colour profile is kept). A file with nothing
  to remove is left byte for byte (Tulis Kabar's photos arrive clean already).
- The Image model's `pre_save` cleans a new original before Django writes it, and sets width,
  height, size and hash from the cleaned file (orientation may swap width and height).
- The media storages (villageweb/media/storage.py) clean every file written under `original_images/` or
  Wagtail's `wagtail_uploads/` (the multiple upload's waiting room) by any other path.
- restore_village cleans the archive's image files as it unpacks them.

Renditions are made from the cleaned originals, so they carry nothing either.
"""

import hashlib
import io

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

# Folders (under a village's media) whose files are image originals.
IMAGE_FOLDERS = ("original_images/", "wagtail_uploads/")
_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "TIFF": "TIFF"}
# Metadata Pillow reads into `info` that a re-save would write back.
_PERSONAL_INFO = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc")


def _has_personal_metadata(image: PILImage.Image) -> bool:
    if image.getexif():
        return True
    if any(key in image.info for key in _PERSONAL_INFO):
        return True
    if getattr(image, "applist", None) and any(
        marker != "APP0" and not _icc(segment) for marker, segment in image.applist
    ):
        return True
    return bool(getattr(image, "text", None))  # PNG tEXt/iTXt chunks


def _icc(segment: bytes) -> bool:
    return segment.startswith(b"ICC_PROFILE") or segment.startswith(b"Adobe")


def image_strip(data: bytes) -> bytes | None:
    """The image without personal metadata and turned upright, or None when there is nothing to
    remove (or it is not an image Pillow writes back: GIF, AVIF, SVG, anything unreadable)."""
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            kind = _FORMATS.get(image.format or "")
            if kind is None or getattr(image, "n_frames", 1) > 1 and kind != "JPEG":
                return None
            if not _has_personal_metadata(image):
                return None
            orientation = image.getexif().get(0x0112, 1)
            icc = image.info.get("icc_profile")
            image.load()
            options: dict = {"icc_profile": icc} if icc else {}
            if orientation == 1 and image.format == "JPEG":
                # Same pixels, same quantisation: only the metadata goes.
                target = image
                options.update(quality="keep", subsampling="keep")
            else:
                target = ImageOps.exif_transpose(image) if orientation != 1 else image.copy()
                if kind == "JPEG":
                    options.update(quality=90)
                elif kind == "WEBP":
                    options.update(quality=90, lossless=bool(image.info.get("lossless")))
            target.info = {}
            if hasattr(target, "text"):
                target.text = {}
            output = io.BytesIO()
            target.save(output, format=kind, exif=b"", **options)
            return output.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
        return None


def image_content_cleaned(name: str, content):
    """What a storage writes for `name`: an image original cleaned (image_strip), anything else as is."""
    if not name.replace("\\", "/").startswith(IMAGE_FOLDERS):
        return content
    content.seek(0)
    cleaned = image_strip(content.read())
    content.seek(0)
    return content if cleaned is None else ContentFile(cleaned, name=name)


def _image_pre_save(sender, instance, **kwargs):
    """Clean a new original before Django writes it; width, height, size and hash follow the file."""
    field = instance.file
    if not field or getattr(field, "_committed", True):
        return
    field.seek(0)
    cleaned = image_strip(field.read())
    field.seek(0)
    if cleaned is None:
        return
    field.file = ContentFile(cleaned, name=field.name)
    with PILImage.open(io.BytesIO(cleaned)) as image:
        instance.width, instance.height = image.size
    instance.file_size = len(cleaned)
    instance.file_hash = hashlib.sha1(cleaned).hexdigest()


def receivers_connect() -> None:
    from wagtail.images import get_image_model

    pre_save.connect(_image_pre_save, sender=get_image_model(), dispatch_uid="tenants_image_strip")
