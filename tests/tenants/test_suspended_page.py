"""The 503 page of a suspended village: every link and asset it names answers (none on the village's
own host, which 503s too), and citizens see how to reach the village office."""

import re

import pytest

from tenants.models import Village

from ..themes.helpers import branding_set

pytestmark = pytest.mark.django_db


def _suspend(village):
    Village.objects.filter(code=village.code).update(status=Village.Status.SUSPENDED)


def _addresses(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action)="([^"]*)"', html) + re.findall(r"url\(([^)]*)\)", html)


def test_suspended_page_links_nothing_on_the_suspended_host_and_shows_the_contact(
    village_factory, client_for
):
    jlodro = village_factory("Jlodro")
    branding_set(
        jlodro,
        address="Jl. Raya Kenduruan 1, Jlodro",
        phone="(0356) 321000",
        whatsapp="0812 3470 0400",
        email="pemdes.jlodro@example.id",
        office_hours="Senin–Jumat, 08.00–14.00 WIB",
    )
    _suspend(jlodro)
    response = client_for(jlodro.domain).get("/berita/")
    assert response.status_code == 503
    text = response.text
    assert "Situs dinonaktifkan sementara" in text
    for shown in (
        "Jl. Raya Kenduruan 1, Jlodro",
        "(0356) 321000",
        "0812 3470 0400",
        "pemdes.jlodro@example.id",
    ):
        assert shown in text
    assert 'href="tel:0356321000"' in text and 'href="mailto:pemdes.jlodro@example.id"' in text
    addresses = _addresses(text)
    assert 'href="http://localhost/"' in text  # the portal, which still answers
    for address in addresses:
        assert not address.startswith("/"), address
        assert jlodro.domain not in address, address
    # Every address the page names answers from the test client (tel:, mailto:, data: and wa.me aside).
    for address in addresses:
        if address.startswith("http://localhost"):
            assert client_for("localhost").get(address.removeprefix("http://localhost")).status_code == 200


def test_suspended_page_without_contact_details_still_answers(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    branding_set(jlodro, address="", phone="", whatsapp="", email="")
    _suspend(jlodro)
    response = client_for(jlodro.domain).get("/")
    assert response.status_code == 503
    assert "hubungi kantor desa secara langsung" in response.text
    assert not [address for address in _addresses(response.text) if address.startswith("/")]
