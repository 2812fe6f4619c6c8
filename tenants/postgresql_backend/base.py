"""django-tenants' PostgreSQL backend, keeping content types cached across schema switches.

django-tenants empties Django's ContentType cache on every `set_tenant` (each request), because
public and village schemas number their content types differently. Keying the cache by schema
(tenants.content_types) makes that safe without emptying it, which saves every Wagtail page
request its two `django_content_type` queries (`page.specific` while routing).

django-tenants also forgets the connection's `SET search_path` on every `set_tenant`, which code
relies on after running SQL that changes it (a restored dump empties it). Only the tenant
middleware, right after its domain lookup has just set the path to public, may keep it with
`keep_search_path_once()`: a portal request then skips a second, identical SET.
"""

from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper

from tenants.content_types import schema_switch


class DatabaseWrapper(TenantDatabaseWrapper):
    _keep_search_path = False

    def keep_search_path_once(self):
        """The next `set_tenant` keeps the search path just set if it does not change it."""
        self._keep_search_path = True

    def set_tenant(self, tenant, include_public=True):
        keep, self._keep_search_path = self._keep_search_path, False
        already_set = self.search_path_set_schemas
        with schema_switch():
            super().set_tenant(tenant, include_public)
        if keep and already_set is not None and already_set == self._get_cursor_search_paths():
            self.search_path_set_schemas = already_set
