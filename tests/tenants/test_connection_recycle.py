"""A database connection that has visited many village schemas is recycled, so the catalog cache
its PostgreSQL backend keeps (~0.86 MiB per schema visited) stays bounded by a setting."""

import pytest
from django.db import connection

from villageweb.database import database_config


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_connection_is_closed_after_it_visited_more_schemas_than_the_bound(
    transactional_village_factory, client_for, settings
):
    settings.VILLAGEWEB_CONN_MAX_SCHEMAS = 2  # public and one village
    names = ("Jlodro", "Wangi", "Sumurgeneng")
    villages = [transactional_village_factory(name) for name in names]
    connection.close()
    pids = set()
    for _ in range(2):
        for name, village in zip(names, villages, strict=True):
            response = client_for(village.domain).get("/")
            assert response.status_code == 200
            # Each page is still its own village's, whichever connection served it.
            title = response.text.split("<title>")[1].split("</title>")[0]
            assert name in title and not any(other in title for other in names if other != name)
            # After the request the connection has visited at most the bound, or it was closed.
            assert connection.connection is None or len(connection.schemas_visited) <= 2
            pids.add(_backend_pid())
    # Every request after the first village's moved the connection into a new schema: recycled.
    assert len(pids) >= len(villages)


@pytest.mark.django_db(transaction=True)
def test_no_recycling_when_the_bound_is_zero(transactional_village_factory, client_for, settings):
    settings.VILLAGEWEB_CONN_MAX_SCHEMAS = 0
    villages = [transactional_village_factory(name) for name in ("Jlodro", "Wangi")]
    connection.close()
    pid = None
    for village in villages:
        assert client_for(village.domain).get("/").status_code == 200
        pid = pid or _backend_pid()
        assert _backend_pid() == pid
    assert {village.schema for village in villages} <= connection.schemas_visited


def test_connection_age_comes_from_the_environment(monkeypatch):
    url = "postgres://u:p@db.example/villageweb"
    assert database_config(url)["CONN_MAX_AGE"] == 60
    monkeypatch.setenv("VILLAGEWEB_CONN_MAX_AGE", "15")
    assert database_config(url)["CONN_MAX_AGE"] == 15
