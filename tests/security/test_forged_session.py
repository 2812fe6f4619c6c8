"""A made-up session key costs a session lookup, not a render (issue #26, item 7's remainder).

Varnish lets every well-formed `sessionid` (32 lower-case letters and digits) past its cache, since it
cannot read Django's sessions, so a flood with invented keys reached a full render on every request.
Now the application's own caches (a village's page kept whole, the portal's page cache) answer a key
that names no live session as the anonymous visitor it is, and tell the browser to drop it; a live
session is still never served a cached page. Before the fix every forged key was rendered.
"""

import secrets
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ..factories import fill_demo_content, in_village, login_as

pytestmark = pytest.mark.django_db


def forged_key() -> str:
    return "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32))


def test_a_forged_session_key_is_served_the_kept_page_with_one_lookup(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    fill_demo_content(jlodro)
    first = client_for(jlodro.domain).get("/")
    assert first["X-Site-Cache"] == "miss"

    flooder = client_for(jlodro.domain)
    flooder.cookies["sessionid"] = forged_key()
    with CaptureQueriesContext(connection) as queries:
        answer = flooder.get("/")
    assert answer.status_code == 200 and answer["X-Site-Cache"] == "hit"
    assert answer.content == first.content
    # The search paths, the domain with its versions, the session lookup: no routing, no rendering.
    assert len(queries) <= 4, [query["sql"][:80] for query in queries]
    assert answer.cookies["sessionid"].value == "" and answer.cookies["sessionid"]["max-age"] == 0


def test_an_expired_session_is_anonymous_too(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client_for(jlodro.domain).get("/")
    key = forged_key()
    with in_village(jlodro):
        yesterday = timezone.now() - timedelta(days=1)
        Session.objects.create(session_key=key, session_data="", expire_date=yesterday)
    stale = client_for(jlodro.domain)
    stale.cookies["sessionid"] = key
    assert stale.get("/")["X-Site-Cache"] == "hit"


def test_a_live_session_is_never_served_a_kept_page(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client_for(jlodro.domain).get("/")
    assert client_for(jlodro.domain).get("/")["X-Site-Cache"] == "hit"
    editor = login_as(client_for(jlodro.domain), jlodro)
    answer = editor.get("/")
    assert answer.status_code == 200 and not answer.has_header("X-Site-Cache")
    assert "sessionid" not in answer.cookies  # the editor stays logged in


def test_the_portal_answers_a_forged_key_from_its_page_cache(village_factory, client_for):
    village_factory("Jlodro")
    client_for("localhost").get("/berita-desa/")
    client_for("localhost").get("/berita-desa/")  # a fresh database's first request may write settings
    flooder = client_for("localhost")
    flooder.cookies["sessionid"] = forged_key()
    answer = flooder.get("/berita-desa/")
    assert answer.status_code == 200 and answer["X-Portal-Cache"] == "hit"
    assert answer.cookies["sessionid"]["max-age"] == 0
