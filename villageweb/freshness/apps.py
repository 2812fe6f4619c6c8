from django.apps import AppConfig


class FreshnessConfig(AppConfig):
    """What is cached where, what makes it stale and what purges it: docs/caching.md."""

    name = "villageweb.freshness"
    label = "freshness"
    verbose_name = "Kesegaran cache"

    def ready(self):
        from villageweb.freshness import checks, frontcache  # noqa: F401  (checks register themselves)

        frontcache.receivers_connect()
