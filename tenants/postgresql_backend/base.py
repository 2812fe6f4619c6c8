"""django-tenants' PostgreSQL backend, keeping content types cached across schema switches.

django-tenants empties Django's ContentType cache on every `set_tenant` (each request), because
public and village schemas number their content types differently. Keying the cache by schema
(tenants.content_types) makes that safe without emptying it, which saves every Wagtail page
request its two `django_content_type` queries (`page.specific` while routing).

It also forgets the connection's `SET search_path` only when the search path really changes:
django-tenants forgets it on every `set_tenant`, so each request paid a second, identical SET
right after the domain lookup. Closing the connection and rolling back still forget it.
"""

from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper

from tenants.content_types import schema_switch


class DatabaseWrapper(TenantDatabaseWrapper):
    def set_tenant(self, tenant, include_public=True):
        already_set = self.search_path_set_schemas
        with schema_switch():
            super().set_tenant(tenant, include_public)
        if already_set is not None and already_set == self._get_cursor_search_paths():
            self.search_path_set_schemas = already_set
