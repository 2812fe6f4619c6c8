"""One trusted-proxy setting decides who the client is; a forged X-Forwarded-For changes nothing."""

import pytest
from django.test import RequestFactory

from villageweb.security.client_address import client_address

from ..cases.test_filing import MESSAGE

PROXY = "10.0.0.1"


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_forwarded_for_is_ignored_without_a_trusted_proxy(settings):
    settings.VILLAGEWEB_TRUSTED_PROXIES = []
    assert client_address(_request("198.51.100.7", "203.0.113.5")) == "198.51.100.7"


def test_trusted_proxy_gives_the_last_untrusted_hop(settings):
    settings.VILLAGEWEB_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_address(_request(PROXY, "203.0.113.5")) == "203.0.113.5"
    # The client wrote a fake first hop; the proxy appended the real one.
    assert client_address(_request(PROXY, "1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    assert client_address(_request(PROXY, "203.0.113.5, 10.0.0.2")) == "203.0.113.5"
    assert client_address(_request(PROXY, "not-an-ip")) == PROXY
    assert client_address(_request(PROXY)) == PROXY
    assert client_address(_request("198.51.100.7", "203.0.113.5")) == "198.51.100.7"


@pytest.mark.django_db
def test_two_citizens_behind_the_proxy_have_separate_contact_allowances(
    village_factory, client_for, settings
):
    settings.VILLAGEWEB_TRUSTED_PROXIES = [PROXY]
    jlodro = village_factory("Jlodro")
    client = client_for(jlodro.domain)
    limit, _ = settings.VILLAGEWEB_CONTACT_RATE_LIMIT
    for _ in range(limit):
        assert (
            client.post(
                "/kontak/", MESSAGE, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5"
            ).status_code
            == 200
        )
    assert (
        client.post("/kontak/", MESSAGE, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code
        == 429
    )
    assert (
        client.post("/kontak/", MESSAGE, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code
        == 200
    )


@pytest.mark.django_db
def test_spoofed_forwarded_for_from_an_untrusted_address_is_ignored(village_factory, client_for, settings):
    settings.VILLAGEWEB_TRUSTED_PROXIES = [PROXY]
    jlodro = village_factory("Jlodro")
    client = client_for(jlodro.domain)
    limit, _ = settings.VILLAGEWEB_CONTACT_RATE_LIMIT
    for n in range(limit):
        client.post("/kontak/", MESSAGE, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = client.post(
        "/kontak/", MESSAGE, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.99"
    )
    assert response.status_code == 429
