"""A PostgreSQL restart (every server connection dropped) costs no error once the server is back:
persistent connections are checked before a request reuses them (CONN_HEALTH_CHECKS)."""

from django.db import close_old_connections, connection, connections


def _drop_server_side(pid: int) -> None:
    """What a PostgreSQL restart does to a gunicorn worker's open connection."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone() == (True,)
    finally:
        other.close()


def test_a_request_after_the_connection_was_dropped_is_served(
    transactional_village_factory, client_for, settings
):
    # Not the recycling of wide connections (tests/tenants/test_connection_recycle.py): this worker's
    # connection may have visited more than the bound's schemas in earlier tests, and the first
    # request would then close it, whatever the health checks do.
    settings.VILLAGEWEB_CONN_MAX_SCHEMAS = 0
    village = transactional_village_factory("Kaliuntu")
    client = client_for(village.domain)
    assert client.get("/").status_code == 200
    assert connection.connection is not None, "the connection is persistent (CONN_MAX_AGE)"
    _drop_server_side(connection.connection.info.backend_pid)
    # What Django's WSGI handler does at the start of every request in gunicorn (the test client
    # disconnects it from request_started to keep the test's connection): with CONN_HEALTH_CHECKS it
    # marks the connection for a check before reuse; without, the dead connection is reused and fails.
    close_old_connections()
    assert client.get("/").status_code == 200
    assert client.get("/berita/").status_code == 200
