"""Pages the platform answers itself, before any village site is reached."""

import posixpath

from django.db import connection
from django.http import Http404
from django.shortcuts import render
from django.utils._os import safe_join
from django.views.static import serve


def unknown_host(request):
    """A host no village owns: an Indonesian 404, never the portal's or another village's content."""
    return render(request, "tenants/unknown_host.html", status=404)


def village_suspended(request, village):
    response = render(request, "tenants/suspended.html", {"village": village}, status=503)
    response["Retry-After"] = "86400"
    return response


# Folders of a schema's media that /media/ may hand out: Wagtail's original images and renditions.
# Documents (`documents/`) never: they go through Wagtail's serve view, which checks the collection's
# view restrictions and sets the download disposition (docs/security.md).
PUBLIC_MEDIA_FOLDERS = ("original_images/", "images/")


def serve_media(request, path):
    """Serve a village's image or rendition, only from the current village's own media folder.

    Media URLs carry the schema (`/media/<schema>/...`); a path naming another schema is a 404,
    so one village's host never hands out another village's files; anything but images is a 404.
    """
    from django.core.files.storage import default_storage

    schema, _, rest = path.partition("/")
    # Judged on the path `serve` will open: "images/../documents/x.pdf" is a document.
    rest = posixpath.normpath(rest).lstrip("/") if rest else ""
    if schema != connection.schema_name or not rest.startswith(PUBLIC_MEDIA_FOLDERS):
        raise Http404("Berkas tidak ditemukan")
    try:
        safe_join(default_storage.location, rest)
    except Exception as error:
        raise Http404("Berkas tidak ditemukan") from error
    return serve(request, rest, document_root=default_storage.location)
