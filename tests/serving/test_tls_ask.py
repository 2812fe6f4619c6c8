"""Caddy's on-demand TLS asks the platform whether a host name is one of its sites."""

from django.test import Client

from provisioning.services.lifecycle import village_archive, village_domain_add


def _ask(domain, remote="127.0.0.1", host="127.0.0.1:8000", **headers):
    return Client(HTTP_HOST=host, REMOTE_ADDR=remote, **headers).get("/_tls/ask", {"domain": domain})


def test_known_domains_get_a_certificate_and_unknown_or_archived_ones_do_not(village_factory):
    village = village_factory("Kaliuntu")
    village_domain_add(code=village.code, domain="kaliuntu.desa.id", actor="budi")
    assert _ask("kaliuntu.desa.id").status_code == 200
    assert _ask(village.domain.upper() + ".").status_code == 200
    assert _ask("localhost").status_code == 200  # the portal
    unknown = _ask("contoh-penipuan.example")
    assert unknown.status_code == 404 and "Domain tidak dikenal" in unknown.content.decode()
    assert _ask("").status_code == 404
    village_archive(code=village.code, actor="budi")
    assert _ask("kaliuntu.desa.id").status_code == 404


def test_only_the_machine_itself_may_ask(village_factory):
    village = village_factory("Kaliuntu")
    refused = _ask(village.domain, remote="203.0.113.9", host=village.domain)
    assert refused.status_code == 403


def test_a_request_that_came_through_a_proxy_is_refused_though_it_comes_from_loopback(village_factory):
    """Behind Caddy and Varnish every visitor is 127.0.0.1; only Caddy's direct ask is answered."""
    village = village_factory("Kaliuntu")
    for header in ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_VIA"):
        assert _ask(village.domain, **{header: "203.0.113.9"}).status_code == 403
