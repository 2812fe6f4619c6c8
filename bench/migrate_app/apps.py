from django.apps import AppConfig


class MigrateBenchConfig(AppConfig):
    """A scratch tenant app whose two migrations each add one column to every village's page table."""

    name = "bench.migrate_app"
    label = "migrate_bench"
