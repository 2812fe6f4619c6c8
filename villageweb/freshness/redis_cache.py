"""A Redis cache whose outage degrades to no cache: every page is still served, only slower.

Django's RedisCache raises when Redis is down, which turns a cache outage into a 500 on every
page. Here a read during an outage is a miss and a write is dropped, logged once per minute per
process; the short timeouts (settings/production.py) keep an unreachable Redis from holding
requests up.

An outage must also stay cheap. Losing the cache is what made the application 15 times slower
(bench/faults.py: uncached answers ~190 -> ~12 per second): every request rendered every piece the
site cache and the portal's page cache normally hand out. So after a failure a circuit breaker skips
Redis for `BREAK_SECONDS` and serves the process's own small memory cache instead (the same keys,
the tenant in each), whose entries live at most `FALLBACK_SECONDS`: another process's change can be
unseen here for that long, during an outage only. Then the next call tries Redis again. The local
cache is filled while Redis is up too (what this process reads or writes, once per key per
`FALLBACK_SECONDS`), so an outage starts warm instead of re-rendering everything at once.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY_SECONDS = 60
BREAK_SECONDS = 5.0
FALLBACK_SECONDS = 60
FALLBACK_ENTRIES = 2000
_last_logged = [0.0]
# Per Redis address (the caches of one process share a server): monotonic time until which it is skipped.
_broken_until: dict[str, float] = {}


def _outage(error: Exception) -> None:
    now = time.monotonic()
    if now - _last_logged[0] >= LOG_EVERY_SECONDS:
        _last_logged[0] = now
        logger.error("Redis unreachable, serving without cache for a while: %s", error)


class ShortLivedMemory(LocMemCache):
    """The outage fallback: nothing is kept longer than FALLBACK_SECONDS, whatever the caller asks."""

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        if timeout is DEFAULT_TIMEOUT or timeout is None or timeout > FALLBACK_SECONDS:
            timeout = FALLBACK_SECONDS
        return super().get_backend_timeout(timeout)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        # One per cache alias and Redis address, shared by the threads of the process (LocMemCache
        # keeps its entries per name).
        local = {key: params[key] for key in ("KEY_PREFIX", "VERSION", "KEY_FUNCTION") if key in params}
        self._fallback = ShortLivedMemory(
            f"redis-fallback:{server}:{params.get('KEY_PREFIX', '')}",
            {**local, "TIMEOUT": FALLBACK_SECONDS, "OPTIONS": {"MAX_ENTRIES": FALLBACK_ENTRIES}},
        )

    def _breaker_key(self) -> str:
        return ",".join(self._servers)

    def _guarded(self, method, *args, **kwargs):
        """RedisCache's `method`, or the local fallback's when Redis is down or was a moment ago."""
        key = self._breaker_key()
        if time.monotonic() >= _broken_until.get(key, 0.0):
            try:
                return getattr(super(), method)(*args, **kwargs)
            except OUTAGE_ERRORS as error:
                _broken_until[key] = time.monotonic() + BREAK_SECONDS
                _outage(error)
        return getattr(self._fallback, method)(*args, **kwargs)

    def _timeout(self, timeout):
        return timeout if timeout is not None else self.default_timeout

    def _keep(self, data: dict, version) -> None:
        """Copy what Redis answered into the local cache, once per key while it lives there."""
        for key, value in data.items():
            if not self._fallback.has_key(key, version):
                self._fallback.set(key, value, FALLBACK_SECONDS, version)

    def get(self, key, default=None, version=None):
        missing = object()
        value = self._guarded("get", key, missing, version)
        if value is missing:
            return default
        self._keep({key: value}, version)
        return value

    def get_many(self, keys, version=None):
        found = self._guarded("get_many", keys, version)
        self._keep(found, version)
        return found

    def has_key(self, key, version=None):
        return self._guarded("has_key", key, version)

    def set(self, key, value, timeout=None, version=None):
        self._fallback.set(key, value, self._timeout(timeout), version)
        self._guarded("set", key, value, self._timeout(timeout), version)

    def add(self, key, value, timeout=None, version=None):
        return self._guarded("add", key, value, self._timeout(timeout), version)

    def touch(self, key, timeout=None, version=None):
        return self._guarded("touch", key, self._timeout(timeout), version)

    def delete(self, key, version=None):
        self._fallback.delete(key, version)
        return self._guarded("delete", key, version)

    def set_many(self, data, timeout=None, version=None):
        return self._guarded("set_many", data, self._timeout(timeout), version)

    def delete_many(self, keys, version=None):
        self._fallback.delete_many(keys, version)
        self._guarded("delete_many", keys, version)

    def clear(self):
        self._fallback.clear()
        return self._guarded("clear")

    def incr(self, key, delta=1, version=None):
        return self._guarded("incr", key, delta, version)
