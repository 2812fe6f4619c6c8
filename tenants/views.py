"""Pages the platform answers itself, before any village site is reached."""

import logging
import posixpath
import re
import sys

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils._os import safe_join
from django.views import defaults
from django.views.static import serve
from django_tenants.utils import schema_context
from wagtail import hooks

from tenants.models import site_url

logger = logging.getLogger(__name__)


def unknown_host(request):
    """A host no village owns: an Indonesian 404, never the portal's or another village's content."""
    return render(request, "tenants/unknown_host.html", status=404)


def _village_contact(village):
    """The village's contact details through the `villageweb_village_contact` Wagtail hook (the
    branding lives in an upper layer, in the village's own schema: themes/wagtail_hooks.py): called
    as f(*, village) inside the village's schema, it returns an object with address, phone,
    phone_url, whatsapp, whatsapp_url, email, office_hours, or None; the first answer wins. None when
    there are none or they cannot be read, so the 503 page itself never fails."""
    try:
        with schema_context(village.schema_name), transaction.atomic():
            for reader in hooks.get_hooks("villageweb_village_contact"):
                contact = reader(village=village)
                if contact is not None:
                    return contact
            return None
    except DatabaseError:
        logger.exception("Kontak desa %s tidak dapat dibaca untuk halaman 503", village.schema_name)
        return None


def village_suspended(request, village, *, outage: bool = False):
    """503 for a suspended village: a page of its own (no theme, no stylesheet or link on the village's
    host, which would answer 503 as well), with the village's contact and a link to the portal. With
    `outage`, the same page says the site is down for a while (its database node cannot be reached)."""
    context = {
        "village": village,
        "contact": None if outage else _village_contact(village),
        "portal_url": site_url(settings.VILLAGEWEB_BASE_DOMAIN) + "/",
        "regency_name": settings.VILLAGEWEB_REGENCY_NAME,
        "outage": outage,
    }
    response = render(request, "tenants/suspended.html", context, status=503)
    response["Retry-After"] = "300" if outage else "86400"
    return response


def server_error(request):
    """handler500 of village hosts. A village whose database node cannot be reached (on a Citus cluster:
    the worker holding its schema is down, while the coordinator answered the host lookup) gets its 503
    page, not a 500: every other village and the portal keep serving (docs/scaling.md). Anything else
    is Django's 500."""
    error = sys.exc_info()[1]
    village = getattr(request, "tenant", None)
    cause = getattr(error, "__cause__", None)
    if (
        isinstance(error, DatabaseError)
        and str(getattr(cause, "sqlstate", "") or "").startswith("08")  # connection exception class
        and village is not None
        and village.is_village
    ):
        logger.error("Node basis data %s tidak terjangkau: %s", village.schema_name, error)
        try:
            connection.set_schema_to_public()
            return village_suspended(request, village, outage=True)
        except Exception:
            logger.exception("Halaman 503 %s gagal", village.schema_name)
    return defaults.server_error(request)


LOOPBACK_ADDRESSES = ("127.0.0.1", "::1")
HOST_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{0,252}")


def tls_ask(request):
    """Caddy's on-demand TLS `ask`: 200 only for a host name the platform serves (a Domain row of a
    village that is not archived, or the portal's), so nobody can make the server request
    certificates for names pointed at it. Answered only to the machine itself, asked directly (not
    through Caddy or Varnish)."""
    from tenants.models import Domain, Village

    # Caddy asks gunicorn directly; anything that came through a proxy (Varnish adds X-Forwarded-For,
    # Caddy's reverse_proxy too) is a visitor, even though behind them every visitor is 127.0.0.1.
    forwarded = any(key in request.META for key in ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_VIA"))
    if request.META.get("REMOTE_ADDR") not in LOOPBACK_ADDRESSES or forwarded:
        return HttpResponse("Tidak diizinkan.", status=403, content_type="text/plain; charset=utf-8")
    name = (request.GET.get("domain") or "").strip().lower().rstrip(".")
    # Answered before the query-string cleaning middleware runs: a value that cannot be a host name
    # (a NUL byte would make PostgreSQL refuse the query) is unknown without asking the database.
    if not HOST_NAME.fullmatch(name):
        return HttpResponse("Domain tidak dikenal.", status=404, content_type="text/plain; charset=utf-8")
    known = (
        Domain.objects.filter(domain=name)
        .exclude(tenant__status=Village.Status.ARCHIVED)
        .exclude(tenant__kind=Village.Kind.TEMPLATE)
        .exists()
    )
    if not known:
        return HttpResponse("Domain tidak dikenal.", status=404, content_type="text/plain; charset=utf-8")
    return HttpResponse("Domain dikenal.", content_type="text/plain; charset=utf-8")


# Folders of a schema's media that /media/ may hand out: Wagtail's original images and renditions.
# Documents (`documents/`) never: they go through Wagtail's serve view, which checks the collection's
# view restrictions and sets the download disposition (docs/security.md).
RENDITIONS_FOLDER = "images/"
PUBLIC_MEDIA_FOLDERS = ("original_images/", RENDITIONS_FOLDER)


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
    response = serve(request, rest, document_root=default_storage.location)
    # A rendition's name carries its original's (unique) name and its filter: a changed image gets
    # new names, so browsers and the front cache may keep one for a year. An original keeps a day.
    immutable = rest.startswith(RENDITIONS_FOLDER)
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if immutable else "public, max-age=86400"
    )
    return response
