"""The largest request body gunicorn hands to Django, by path: uploads larger, everything else small.

gunicorn has no body limit of its own, and Django reads a body when a view (or the CSRF check) first
touches `request.POST`: an anonymous 60 MB POST to any page was written to a temporary file before
CSRF refused it. This WSGI wrapper answers 413 from the request line and headers alone, before a
byte of the body is read; a chunked body (no Content-Length) is read only up to the limit.
Caddy enforces the same tiers in front (deploy/caddy/Caddyfile, `request_body`), so an oversized
body rarely gets this far; the limits live once, in settings.VILLAGEWEB_REQUEST_BODY_LIMITS.
"""

import tempfile

from django.conf import settings

MESSAGE = (
    "Kiriman terlalu besar (paling besar {limit} untuk alamat ini). Perkecil berkasnya atau kirim "
    "lebih sedikit berkas sekaligus."
)
CHUNK = 64 * 1024


def body_limit(path: str) -> int:
    """The limit of the first tier whose prefix starts `path`."""
    for prefixes, limit in settings.VILLAGEWEB_REQUEST_BODY_LIMITS:
        if path.startswith(tuple(prefixes)):
            return limit
    return settings.VILLAGEWEB_REQUEST_BODY_LIMITS[-1][1]


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size // (1024 * 1024)} MB"
    return f"{size // 1024} KB"


def _too_large(start_response, limit: int):
    body = MESSAGE.format(limit=_size_text(limit)).encode()
    start_response(
        "413 Request Entity Too Large",
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Connection", "close"),
        ],
    )
    return [body]


class RequestBodyLimit:
    """WSGI middleware around Django's application (villageweb/wsgi.py)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        limit = body_limit(environ.get("PATH_INFO", "") or "/")
        declared = environ.get("CONTENT_LENGTH", "").strip()
        if declared:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0 or length > limit:
                return _too_large(start_response, limit)
        elif "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            buffered = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
            stream, size = environ["wsgi.input"], 0
            while chunk := stream.read(min(CHUNK, limit + 1 - size)):
                size += len(chunk)
                if size > limit:
                    buffered.close()
                    return _too_large(start_response, limit)
                buffered.write(chunk)
            buffered.seek(0)
            environ["wsgi.input"], environ["CONTENT_LENGTH"] = buffered, str(size)
        return self.application(environ, start_response)
