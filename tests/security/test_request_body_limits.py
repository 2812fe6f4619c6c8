"""Request bodies are limited per path before Django reads them: uploads larger, everything else
small (villageweb/request_limits.py at gunicorn, the same tiers at Caddy)."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings

from villageweb.request_limits import RequestBodyLimit, body_limit

MB = 1024 * 1024


class Untouchable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")


class Counted(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.taken = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.taken += len(chunk)
        return chunk


def _call(path: str, *, body=None, length=None, chunked=False):
    seen = {}

    def application(environ, start_response):
        seen["length"] = environ.get("CONTENT_LENGTH")
        seen["body"] = environ["wsgi.input"].read()
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    statuses = []
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "wsgi.input": body if body is not None else io.BytesIO(b""),
    }
    if length is not None:
        environ["CONTENT_LENGTH"] = str(length)
    if chunked:
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    answer = b"".join(RequestBodyLimit(application)(environ, lambda status, headers: statuses.append(status)))
    return statuses[0], answer.decode(), seen


def test_an_anonymous_60_mb_post_is_refused_before_a_byte_is_read():
    """The attack: a 60 MB POST to any page was written to disk before CSRF refused it."""
    status, answer, seen = _call("/kontak/", body=Untouchable(), length=60 * MB)
    assert status.startswith("413")
    assert "Kiriman terlalu besar" in answer and "64 KB" in answer
    assert seen == {}


def test_a_chunked_body_is_read_only_up_to_the_limit():
    body = Counted(b"x" * (5 * MB))
    status, _, seen = _call("/kontak/", body=body, chunked=True)
    assert status.startswith("413") and seen == {}
    assert body.taken <= 64 * 1024 + 64 * 1024  # at most one read past the limit


def test_small_bodies_and_uploads_within_their_limit_reach_the_application():
    status, _, seen = _call("/kontak/", body=io.BytesIO(b"nama=Sri&pesan=Lampu+padam"), chunked=True)
    assert status.startswith("200")
    assert seen == {"length": "26", "body": b"nama=Sri&pesan=Lampu+padam"}
    status, _, seen = _call("/admin/images/multiple/add/", body=io.BytesIO(b"x" * 100), length=100)
    assert status.startswith("200")
    assert _call("/admin/images/multiple/add/", body=Untouchable(), length=49 * MB)[0].startswith("413")


def test_a_malformed_length_is_refused():
    assert _call("/kontak/", body=Untouchable(), length="-5")[0].startswith("413")
    assert _call("/kontak/", body=Untouchable(), length="banyak")[0].startswith("413")


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        ("/admin/images/multiple/add/", 48 * MB),
        ("/admin/documents/chooser/upload/", 48 * MB),
        ("/admin/tulis-kabar/", 48 * MB),
        ("/admin/pages/3/edit/", 10 * MB),
        ("/admin/desa/impor/", 10 * MB),
        ("/kontak/", 64 * 1024),
        ("/akun/atur-kata-sandi/abc/", 64 * 1024),
        ("/administrasi/", 64 * 1024),
    ],
)
def test_each_path_has_its_tier(path, limit):
    assert body_limit(path) == limit


def test_the_tiers_hold_every_upload_the_forms_allow():
    from villageweb.news.services.photos import PHOTOS_MAX

    uploads = body_limit("/admin/tulis-kabar/")
    assert uploads > PHOTOS_MAX * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    assert body_limit("/admin/documents/add/") > settings.VILLAGEWEB_DOCUMENT_MAX_UPLOAD_SIZE


def _bytes(text: str) -> int:
    number, unit = re.fullmatch(r"(\d+)(KiB|MiB)", text).groups()
    return int(number) * {"KiB": 1024, "MiB": MB}[unit]


def test_caddy_enforces_the_same_tiers():
    caddyfile = (Path(settings.BASE_DIR) / "deploy" / "caddy" / "Caddyfile").read_text()
    limits = {
        name: _bytes(size) for name, size in re.findall(r"request_body @(\w+) \{\s*max_size (\S+)", caddyfile)
    }
    uploads = re.search(r"@uploads path (.+)", caddyfile).group(1).split()
    assert [path.rstrip("*") for path in uploads] == list(settings.VILLAGEWEB_REQUEST_BODY_LIMITS[0][0])
    assert limits == {
        "uploads": body_limit("/admin/images/"),
        "admin": body_limit("/admin/"),
        "public": body_limit("/"),
    }


@pytest.mark.parametrize("tier", ["uploads", "admin", "public"])
def test_caddy_answers_413_for_exactly_the_declared_lengths_over_each_tier(tier):
    caddyfile = (Path(settings.BASE_DIR) / "deploy" / "caddy" / "Caddyfile").read_text()
    block = re.search(rf"@{tier}_too_large \{{(.*?)\n\t\}}", caddyfile, re.S).group(1)
    pattern = re.search(r"header_regexp Content-Length (\S+)", block).group(1)
    limit = {
        "uploads": body_limit("/admin/images/"),
        "admin": body_limit("/admin/"),
        "public": body_limit("/"),
    }[tier]
    for length in (0, 1, limit // 2, limit - 1, limit, limit + 1, limit + 999, limit * 10, 10**15):
        assert bool(re.match(pattern, str(length))) == (length > limit), length
    assert re.match(pattern, f"000{limit + 1}") and not re.match(pattern, f"00{limit}")
