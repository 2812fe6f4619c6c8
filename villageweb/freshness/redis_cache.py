"""A Redis cache whose outage degrades to no cache: every page is still served, only slower.

Django's RedisCache raises when Redis is down, which turns a cache outage into a 500 on every
page. Here a read during an outage is a miss and a write is dropped, logged once per minute per
process; the short timeouts (settings/production.py) keep an unreachable Redis from holding
requests up.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY_SECONDS = 60
_last_logged = [0.0]


def _outage(error: Exception) -> None:
    now = time.monotonic()
    if now - _last_logged[0] >= LOG_EVERY_SECONDS:
        _last_logged[0] = now
        logger.error("Redis unreachable, serving without cache: %s", error)


class ResilientRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except OUTAGE_ERRORS as error:
            _outage(error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except OUTAGE_ERRORS as error:
            _outage(error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except OUTAGE_ERRORS as error:
            _outage(error)
            return False

    def _write(self, method, *args, failed=False, **kwargs):
        try:
            return getattr(super(), method)(*args, **kwargs)
        except OUTAGE_ERRORS as error:
            _outage(error)
            return failed

    def set(self, key, value, timeout=None, version=None):
        self._write("set", key, value, timeout if timeout is not None else self.default_timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._write(
            "add", key, value, timeout if timeout is not None else self.default_timeout, version
        )

    def touch(self, key, timeout=None, version=None):
        return self._write("touch", key, timeout if timeout is not None else self.default_timeout, version)

    def delete(self, key, version=None):
        return self._write("delete", key, version)

    def set_many(self, data, timeout=None, version=None):
        timeout = timeout if timeout is not None else self.default_timeout
        return self._write("set_many", data, timeout, version, failed=list(data))

    def delete_many(self, keys, version=None):
        self._write("delete_many", keys, version)

    def clear(self):
        return self._write("clear")

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except OUTAGE_ERRORS as error:
            _outage(error)
            raise ValueError(f"Key '{key}' not found (cache unreachable)") from error
