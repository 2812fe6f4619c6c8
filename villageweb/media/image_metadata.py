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

Renditions are made from the cleaned originals, so they carry nothing either. Images stored before
this cleaning existed are cleaned once by `manage.py strip_image_metadata` (image_stored_strip).
"""

import hashlib
import io
import posixpath
from functools import partial

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models.signals import pre_save
from django_tenants.utils import schema_context
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


def image_stored_strip(image) -> bool:
    """Clean an image stored before `image_strip` ran at save; False when there is nothing to remove.

    Nothing is lost whatever happens: the cleaned file is written under a new name first, then the
    row is pointed at it (width, height, size and hash from the cleaned file) in one transaction with
    the rendition rows, and only after the commit are the old original and the old renditions'
    files deleted. A failure before the commit removes the new file and leaves the image as it was.
    The row's save and the renditions' deletion go through the ordinary signals, so the village's
    caches and the front cache forget the pages that showed the old renditions. A focal point is
    dropped when the orientation turned the pixels (it was placed on the picture as it was stored).
    Raises OSError (Wagtail's SourceImageIOError) when the stored file cannot be read.
    """
    with image.open_file() as handle:
        data = handle.read()
    cleaned = image_strip(data)
    if cleaned is None:
        return False
    with PILImage.open(io.BytesIO(data)) as before:
        turned = before.getexif().get(0x0112, 1) not in (0, 1)
    with PILImage.open(io.BytesIO(cleaned)) as after:
        width, height = after.size
    field = image.file.field
    storage = image.file.storage
    old_name = image.file.name
    new_name = storage.save(
        field.generate_filename(image, posixpath.basename(old_name)), ContentFile(cleaned)
    )
    try:
        with transaction.atomic():
            stored = type(image).objects.select_for_update().get(pk=image.pk)
            if stored.file.name != old_name:  # replaced meanwhile by its editor: theirs stands
                raise _Replaced
            stored.file = new_name
            stored.width, stored.height = width, height
            stored.file_size = len(cleaned)
            stored.file_hash = hashlib.sha1(cleaned).hexdigest()
            if turned:
                stored.focal_point_x = stored.focal_point_y = None
                stored.focal_point_width = stored.focal_point_height = None
            stored.save()
            for rendition in stored.renditions.all():
                rendition.delete()  # Wagtail deletes its file and cache entry after the commit
            transaction.on_commit(partial(_file_delete, storage, old_name, connection.schema_name))
    except _Replaced:
        storage.delete(new_name)
        return False
    except BaseException:
        storage.delete(new_name)
        raise
    image.refresh_from_db()
    return True


class _Replaced(Exception):
    pass


def _file_delete(storage, name: str, schema: str) -> None:
    """Delete a village's file in that village's folder, wherever the connection is by the commit."""
    with schema_context(schema):
        storage.delete(name)


def receivers_connect() -> None:
    from wagtail.images import get_image_model

    pre_save.connect(_image_pre_save, sender=get_image_model(), dispatch_uid="tenants_image_strip")
