"""Opening a link the way a citizen's phone would, to tell whether it still works.

The links come from editors and the application registry, so they are hostile input: only http(s),
and never an address inside the platform's own network (loopback, private, link-local), on the
first request or after a redirect, so the check cannot be turned against the servers behind it.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

from villageweb.services.services import LinkResult

TIMEOUT_SECONDS = 10
USER_AGENT = "VillageWeb-LinkCheck/1.0 (+Diskominfo)"


class _Refused(Exception):
    pass


def _address_refused(url: str) -> str:
    """Why `url` may not be opened, or ''."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "bukan alamat http(s)"
    if settings.VILLAGEWEB_LINK_CHECK_PRIVATE_ALLOWED:
        return ""
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        return "nama domain tidak ditemukan"
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return "alamat jaringan internal tidak diperiksa"
    return ""


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        problem = _address_refused(newurl)
        if problem:
            raise _Refused(f"dialihkan ke {problem}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_SafeRedirects)


def link_check(url: str) -> LinkResult:
    """OK when the link answers below 400 (HEAD, or GET where HEAD is refused)."""
    problem = _address_refused(url)
    if problem:
        return LinkResult(ok=False, problem=problem)
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                if response.status < 400:
                    return LinkResult(ok=True)
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except _Refused as error:
            return LinkResult(ok=False, problem=str(error))
        except (urllib.error.URLError, OSError, ValueError) as error:
            return LinkResult(
                ok=False, problem=f"tidak dapat dibuka: {getattr(error, 'reason', error)}"[:200]
            )
        if method == "HEAD" and status in (403, 405, 501):
            continue  # some servers refuse HEAD only
        return LinkResult(ok=False, problem=f"jawaban HTTP {status}")
    return LinkResult(ok=False, problem=f"jawaban HTTP {status}")
