"""Django's ContentType cache, one per (database, schema) instead of one per database.

Content type ids differ between the public schema and the village schemas, so a single cache is
wrong after a schema switch; django-tenants therefore empties it on every switch. This cache keeps
one entry per schema instead, so a switch needs no emptying. Everything that changes content types
(migrations' post_migrate, `flush`, `remove_stale_contenttypes`) still calls `clear_cache()`, which
empties every schema's entry; only the clear made by the switch itself is skipped.

The cache is bounded: one process of a province-wide platform touches thousands of schemas, and each
schema's entry holds every content type twice (by id and by natural key). It keeps the
`VILLAGEWEB_CONTENT_TYPE_CACHE_SCHEMAS` most recently used schemas (default sized for the largest
regency, 852 villages); a schema pushed out is read again from its table on its next request (one
query of ~100 rows). bench/scale.py measures what an entry weighs.

Wagtail's own `wagtail.contrib.forms.utils.get_form_types` keeps the first schema's form page type
ids for the whole process (an lru_cache); `install()` puts a per-schema version in its place, which
reads them through this cache.
"""

import functools
import threading
from collections import OrderedDict
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

DEFAULT_SCHEMAS = 1000

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
        self._by_schema: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _limit() -> int:
        # Read on every insertion, not at start-up, so a deployment (or a test) can change it.
        return max(1, int(getattr(settings, "VILLAGEWEB_CONTENT_TYPE_CACHE_SCHEMAS", DEFAULT_SCHEMAS)))

    def __len__(self) -> int:
        return len(self._by_schema)

    @staticmethod
    def _key(alias):
        connection = connections[alias]
        tenant = getattr(connection, "tenant", None)
        # The tenant's id as well as its schema name: a schema restored under a purged village's
        # name is a new tenant row, so it never reads the old schema's content types.
        return alias, getattr(connection, "schema_name", None), getattr(tenant, "pk", None)

    def __getitem__(self, alias):
        key = self._key(alias)
        with self._lock:
            entry = self._by_schema[key]
            self._by_schema.move_to_end(key)
        return entry

    def __contains__(self, alias):
        return self._key(alias) in self._by_schema

    def setdefault(self, alias, default):
        key = self._key(alias)
        with self._lock:
            entry = self._by_schema.setdefault(key, default)
            self._by_schema.move_to_end(key)
            limit = self._limit()
            while len(self._by_schema) > limit:
                self._by_schema.popitem(last=False)
            return entry

    def clear(self):
        if getattr(_switching, "active", False):
            return
        with self._lock:
            self._by_schema.clear()


@functools.cache
def _form_models() -> tuple:
    """The form page models: the same in every schema, so found once per process."""
    from wagtail.contrib.forms.models import FormMixin
    from wagtail.models import get_page_models

    return tuple(model for model in get_page_models() if issubclass(model, FormMixin))


def form_types() -> list:
    """The content types of the form page models in the current schema (Wagtail's get_form_types,
    whose ids are per schema: `get_for_models` answers from this schema's cache entry, no query)."""
    from django.contrib.contenttypes.models import ContentType

    return list(ContentType.objects.get_for_models(*_form_models()).values())


def install() -> None:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.contrib.forms import utils as forms_utils
    from wagtail.contrib.forms import views as forms_views

    if not isinstance(ContentType.objects._cache, SchemaKeyedCache):
        ContentType.objects._cache = SchemaKeyedCache()
    # get_forms_for_user reads the module global; the submissions views imported the name.
    forms_utils.get_form_types = form_types
    forms_views.get_form_types = form_types
