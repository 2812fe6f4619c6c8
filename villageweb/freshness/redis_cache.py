"""A Redis cache whose outage degrades to no cache: every page is still served, only slower.

Django's RedisCache raises when Redis is down, which turns a cache outage into a 500 on every
page. Here a read during an outage is a miss and a write is dropped, logged once per minute per
process; the short timeouts (settings/production.py) keep an unreachable Redis from holding
requests up.

A circuit breaker keeps an outage cheap: after a failure the process skips Redis altogether for
`BREAK_SECONDS` (every read a miss at once, every write dropped), then lets the next call try again.
Without it every cache call of every request waited for the client's connection attempts and
retries: uncached answers fell from ~190 to ~12 per second while Redis was down (bench/faults.py,
docs/performance.md, "Faults").
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY_SECONDS = 60
BREAK_SECONDS = 5.0
_last_logged = [0.0]
# Per Redis address (the caches of one process share a server): monotonic time until which it is skipped.
_broken_until: dict[str, float] = {}


def _outage(error: Exception) -> None:
    now = time.monotonic()
    if now - _last_logged[0] >= LOG_EVERY_SECONDS:
        _last_logged[0] = now
        logger.error("Redis unreachable, serving without cache for a while: %s", error)


class ResilientRedisCache(RedisCache):
    def _breaker_key(self) -> str:
        return ",".join(self._servers)

    def _guarded(self, method, *args, failed, **kwargs):
        """Call RedisCache's `method`, or answer `failed` when Redis is down or was a moment ago."""
        key = self._breaker_key()
        if time.monotonic() < _broken_until.get(key, 0.0):
            return failed
        try:
            return getattr(super(), method)(*args, **kwargs)
        except OUTAGE_ERRORS as error:
            _broken_until[key] = time.monotonic() + BREAK_SECONDS
            _outage(error)
            return failed

    def get(self, key, default=None, version=None):
        return self._guarded("get", key, default, version, failed=default)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", keys, version, failed={})

    def has_key(self, key, version=None):
        return self._guarded("has_key", key, version, failed=False)

    def _timeout(self, timeout):
        return timeout if timeout is not None else self.default_timeout

    def set(self, key, value, timeout=None, version=None):
        self._guarded("set", key, value, self._timeout(timeout), version, failed=None)

    def add(self, key, value, timeout=None, version=None):
        return self._guarded("add", key, value, self._timeout(timeout), version, failed=False)

    def touch(self, key, timeout=None, version=None):
        return self._guarded("touch", key, self._timeout(timeout), version, failed=False)

    def delete(self, key, version=None):
        return self._guarded("delete", key, version, failed=False)

    def set_many(self, data, timeout=None, version=None):
        return self._guarded("set_many", data, self._timeout(timeout), version, failed=list(data))

    def delete_many(self, keys, version=None):
        self._guarded("delete_many", keys, version, failed=None)

    def clear(self):
        return self._guarded("clear", failed=False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._guarded("incr", key, delta, version, failed=missing)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (cache unreachable)")
        return result
