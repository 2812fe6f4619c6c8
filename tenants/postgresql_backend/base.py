"""django-tenants' PostgreSQL backend, keeping content types cached across schema switches.

django-tenants empties Django's ContentType cache on every `set_tenant` (each request), because
public and village schemas number their content types differently. Keying the cache by schema
(tenants.content_types) makes that safe without emptying it, which saves every Wagtail page
request its two `django_content_type` queries (`page.specific` while routing).

django-tenants also forgets the connection's `SET search_path` on every `set_tenant`, which code
relies on after running SQL that changes it (a restored dump empties it). Only the tenant
middleware, right after its domain lookup has just set the path to public, may keep it with
`keep_search_path_once()`: a portal request then skips a second, identical SET.

The PostgreSQL backend behind a connection caches the catalog entries of every schema the
connection visits (about 0.86 MiB per village, never shrunk while it lives; docs/scaling.md). The
wrapper counts the schemas a connection has been switched to, and `connection_recycle_if_wide()`
(after each request) closes a connection that has visited more than `VILLAGEWEB_CONN_MAX_SCHEMAS`,
so one backend's memory is bounded by the setting, not by the number of villages.
"""

from django.conf import settings
from django.db import connections
from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper

from tenants.content_types import schema_switch


class DatabaseWrapper(TenantDatabaseWrapper):
    _keep_search_path = False

    def __init__(self, *args, **kwargs):
        self.schemas_visited: set[str] = set()  # django-tenants' __init__ already calls set_tenant
        super().__init__(*args, **kwargs)

    def connect(self):
        super().connect()
        self.schemas_visited = {self.schema_name}  # a fresh backend, its cache holds only what comes

    def keep_search_path_once(self):
        """The next `set_tenant` keeps the search path just set if it does not change it."""
        self._keep_search_path = True

    def set_tenant(self, tenant, include_public=True):
        keep, self._keep_search_path = self._keep_search_path, False
        self.schemas_visited.add(tenant.schema_name)
        already_set = self.search_path_set_schemas
        with schema_switch():
            super().set_tenant(tenant, include_public)
        if keep and already_set is not None and already_set == self._get_cursor_search_paths():
            self.search_path_set_schemas = already_set


def connection_recycle_if_wide(**_kwargs) -> None:
    """Close every connection that has visited more schemas than `VILLAGEWEB_CONN_MAX_SCHEMAS`
    (0: never), unless it is inside a transaction; the next query opens a fresh one."""
    bound = settings.VILLAGEWEB_CONN_MAX_SCHEMAS
    if bound <= 0:
        return
    for connection in connections.all(initialized_only=True):
        visited = getattr(connection, "schemas_visited", None)
        if visited is not None and len(visited) > bound and not connection.in_atomic_block:
            connection.close()
