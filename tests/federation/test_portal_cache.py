"""Portal news pages are cached for anonymous visitors, and any change shows on the next request."""

import pytest

from tenants.models import Domain, Village
from villageweb.freshness.portal_cache import portal_version

from ..factories import in_village, make_diskominfo_staff, make_news_page

pytestmark = pytest.mark.django_db


def _get(client_for, path="/berita-desa/"):
    response = client_for("localhost").get(path)
    assert response.status_code == 200
    return response


def test_second_anonymous_request_is_served_from_the_cache_without_rendering(village_factory, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Panen raya jagung")
    _get(client_for)
    _get(client_for)  # the first request of a fresh database may create the regency settings row
    with CaptureQueriesContext(connection) as queries:
        response = _get(client_for)
    assert response["X-Portal-Cache"] == "hit" and "Panen raya jagung" in response.text
    assert len(queries) <= 4  # tenant domain, search path, version: no page routing, no listing


@pytest.mark.parametrize("path", ["/berita-desa/", "/"])
def test_publish_hide_suspend_and_rename_each_show_on_the_next_request(village_factory, client_for, path):
    jlodro = village_factory("Jlodro")
    _get(client_for, path)
    _get(client_for, path)  # the first request of a fresh database may create the regency settings row
    assert _get(client_for, path)["X-Portal-Cache"] == "hit"  # the portal home is cached too
    with in_village(jlodro):
        make_news_page("Kerja bakti saluran")
    assert "Kerja bakti saluran" in _get(client_for, path).text

    from villageweb.portal.federation.models import FederatedNewsItem

    item = FederatedNewsItem.objects.get(title="Kerja bakti saluran")
    item.hidden, item.hidden_reason = True, "Foto warga tanpa izin."
    item.save()
    assert "Kerja bakti saluran" not in _get(client_for, path).text
    FederatedNewsItem.objects.filter(pk=item.pk).update(hidden=False)  # bulk updates count too
    assert "Kerja bakti saluran" in _get(client_for, path).text

    Domain.objects.filter(tenant__code=jlodro.code).update(domain="jlodro-baru.localhost")
    assert "http://jlodro-baru.localhost/" in _get(client_for, path).text
    Village.objects.filter(code=jlodro.code).update(status=Village.Status.SUSPENDED)
    assert "Kerja bakti saluran" not in _get(client_for, path).text


def test_new_village_does_not_change_the_version_so_parallel_imports_never_wait_on_it(village_factory):
    village_factory("Jlodro")
    before = portal_version()
    village_factory("Wangi")
    assert portal_version() == before


def test_logged_in_and_non_portal_requests_are_never_cached(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff())  # a live session (a made-up key is anonymous:
    assert "X-Portal-Cache" not in client.get("/berita-desa/")  # tests/security/test_forged_session.py)
    # What Varnish passes (deploy/varnish/villageweb.vcl) the page cache passes too: a flash message
    # waiting for the visitor, or credentials.
    flashed = client_for("localhost")
    flashed.cookies["messages"] = "anything"
    assert "X-Portal-Cache" not in flashed.get("/berita-desa/")
    credentials = client_for("localhost").get("/berita-desa/", HTTP_AUTHORIZATION="Basic eDp5")
    assert "X-Portal-Cache" not in credentials
    assert client_for("localhost").get("/berita-desa/")["X-Portal-Cache"] == "miss"  # the rule is live
    assert "X-Portal-Cache" not in client_for(jlodro.domain).get("/")
    assert "X-Portal-Cache" not in client_for("localhost").get("/desa/")
