"""Django's Redis cache backend, without its costliest step, and failing open when Redis is unreachable.

Django's RedisCacheClient builds a new ``redis.Redis`` object for every cache call. In redis-py 8 that
constructor fills a table of some 170 response callbacks, about 0.3 ms each time: most of what a page
served from the page cache cost. A ``redis.Redis`` holds no connection of its own (it borrows one from
its pool for each command) and is safe to share, so one per connection pool is kept and reused.

While Redis cannot be reached, every call answers as an empty cache would (a miss, nothing stored) instead
of raising: the site renders every page afresh and still takes residents' forms, rather than answering
500 to everyone. The outage is logged, once a minute per process. Settings put a short timeout on
connecting and on each command (REDIS_TIMEOUT), so an unreachable server costs a second, not minutes.
"""

import functools
import logging
import time

from django.core.cache.backends import redis as django_redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
REPORT_EVERY_SECONDS = 60
_last_report = 0.0


def _report(error):
    global _last_report
    now = time.monotonic()
    if now - _last_report >= REPORT_EVERY_SECONDS:
        _last_report = now
        logger.warning("Redis cannot be reached; the site runs without its cache for now: %s", error)


def _as_empty_cache(answer):
    """What the call answers while Redis is unreachable: ``answer(*args)``."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args):
            try:
                return method(self, *args)
            except UNREACHABLE as error:
                _report(error)
                return answer(*args)

        return call

    return decorate


def _missing_key(key, delta):
    raise ValueError(f"Key '{key}' not found (Redis cannot be reached).")


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    add = _as_empty_cache(lambda key, value, timeout: False)(django_redis.RedisCacheClient.add)
    get = _as_empty_cache(lambda key, default: default)(django_redis.RedisCacheClient.get)
    set = _as_empty_cache(lambda key, value, timeout: None)(django_redis.RedisCacheClient.set)
    touch = _as_empty_cache(lambda key, timeout: False)(django_redis.RedisCacheClient.touch)
    delete = _as_empty_cache(lambda key: False)(django_redis.RedisCacheClient.delete)
    get_many = _as_empty_cache(lambda keys: {})(django_redis.RedisCacheClient.get_many)
    has_key = _as_empty_cache(lambda key: False)(django_redis.RedisCacheClient.has_key)
    # As for a key that is not there: callers that count (rate limits) start again from one.
    incr = _as_empty_cache(_missing_key)(django_redis.RedisCacheClient.incr)
    set_many = _as_empty_cache(lambda data, timeout: None)(django_redis.RedisCacheClient.set_many)
    delete_many = _as_empty_cache(lambda keys: None)(django_redis.RedisCacheClient.delete_many)
    clear = _as_empty_cache(lambda: False)(django_redis.RedisCacheClient.clear)


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
