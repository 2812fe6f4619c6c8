"""Django's ContentType cache, one per (database, schema) instead of one per database.

Content type ids differ between the public schema and the village schemas, so a single cache is
wrong after a schema switch; django-tenants therefore empties it on every switch. This cache keeps
one entry per schema instead, so a switch needs no emptying. Everything that changes content types
(migrations' post_migrate, `flush`, `remove_stale_contenttypes`) still calls `clear_cache()`, which
empties every schema's entry; only the clear made by the switch itself is skipped.
"""

import threading
from contextlib import contextmanager

from django.db import connections

_switching = threading.local()


@contextmanager
def schema_switch():
    """While a connection changes schema, `ContentType.objects.clear_cache()` keeps the cache."""
    _switching.active = True
    try:
        yield
    finally:
        _switching.active = False


class SchemaKeyedCache:
    """Stands in for ContentTypeManager._cache ({db alias: {key: ContentType}})."""

    def __init__(self):
        self._by_schema = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(alias):
        connection = connections[alias]
        tenant = getattr(connection, "tenant", None)
        # The tenant's id as well as its schema name: a schema restored under a purged village's
        # name is a new tenant row, so it never reads the old schema's content types.
        return alias, getattr(connection, "schema_name", None), getattr(tenant, "pk", None)

    def __getitem__(self, alias):
        return self._by_schema[self._key(alias)]

    def __contains__(self, alias):
        return self._key(alias) in self._by_schema

    def setdefault(self, alias, default):
        with self._lock:
            return self._by_schema.setdefault(self._key(alias), default)

    def clear(self):
        if getattr(_switching, "active", False):
            return
        with self._lock:
            self._by_schema.clear()


def install() -> None:
    from django.contrib.contenttypes.models import ContentType

    if not isinstance(ContentType.objects._cache, SchemaKeyedCache):
        ContentType.objects._cache = SchemaKeyedCache()
