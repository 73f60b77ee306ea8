"""Django's Redis cache backend, without its costliest step.

Django's RedisCacheClient builds a new ``redis.Redis`` object for every cache call. In redis-py 8 that
constructor fills a table of some 170 response callbacks, about 0.3 ms each time: most of what a page
served from the page cache cost. A ``redis.Redis`` holds no connection of its own (it borrows one from
its pool for each command) and is safe to share, so one per connection pool is kept and reused.
"""

from django.core.cache.backends import redis as django_redis


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


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
