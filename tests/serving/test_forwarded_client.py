"""Behind the proxies, the visitor's own address is what per-visitor limits count."""

from django.http import HttpResponse
from django.test import RequestFactory

from tenants.middleware import ForwardedClientMiddleware


def _seen(remote, forwarded=None):
    request = RequestFactory().get(
        "/", REMOTE_ADDR=remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    )
    seen = {}

    def view(req):
        seen["ip"] = req.META["REMOTE_ADDR"]
        return HttpResponse()

    ForwardedClientMiddleware(view)(request)
    return seen["ip"]


def test_the_address_appended_by_our_proxy_is_the_visitor():
    assert _seen("127.0.0.1", "198.51.100.7, 127.0.0.1") == "198.51.100.7"
    # Whatever the client wrote itself stays left of what the proxy saw.
    assert _seen("127.0.0.1", "10.9.9.9, 198.51.100.7") == "198.51.100.7"


def test_a_direct_client_cannot_choose_its_address():
    assert _seen("203.0.113.5", "198.51.100.7") == "203.0.113.5"
    assert _seen("127.0.0.1") == "127.0.0.1"
