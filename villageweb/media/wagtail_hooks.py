"""Documents in a bucket are served through signed URLs (villageweb/media/storage.py)."""

from django.shortcuts import redirect
from wagtail import hooks

from villageweb.media.storage import VillageS3Storage


@hooks.register("before_serve_document", order=100)
def document_signed_redirect(document, request):
    """With media in a bucket, a reader who passed Wagtail's view-restriction check (its own
    `before_serve_document` hook, order 0) is sent to a signed URL valid for a minute, with the
    content type and disposition Wagtail would have sent; the object itself is private."""
    storage = document.file.storage
    if not isinstance(storage, VillageS3Storage):
        return None
    return redirect(
        storage.url(
            document.file.name,
            parameters={
                "ResponseContentDisposition": document.content_disposition,
                "ResponseContentType": document.content_type,
            },
        )
    )
