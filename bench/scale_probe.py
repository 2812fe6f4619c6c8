"""One fresh process, as one gunicorn worker would be: request every village's home page once, then
report its own memory, its database backend's memory, the portal and the health dashboard times.

Run by bench/scale.py (environment: DATABASE_URL of the scratch database, DJANGO_SETTINGS_MODULE);
prints one JSON object on stdout. `--hosts N` samples N village hosts instead of all of them.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _rss_kib(pid: str = "self") -> dict:
    """VmRSS and RssAnon (memory private to the process) of a process, in KiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "RssAnon"):
            values[key] = int(rest.split()[0])
    return values


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=0, help="sample this many hosts (0: all)")
    options = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.db import DatabaseError, connection
    from django.test import Client

    from provisioning.health import regency_health
    from tenants.models import Domain, Village

    hosts = list(
        Domain.objects.filter(is_primary=True, tenant__kind__in=Village.VILLAGE_KINDS).values_list(
            "domain", flat=True
        )
    )
    if options.hosts and options.hosts < len(hosts):
        hosts = random.Random(18).sample(hosts, options.hosts)
    client = Client(raise_request_exception=False)
    portal = settings.VILLAGEWEB_BASE_DOMAIN
    assert client.get("/", HTTP_HOST=portal).status_code == 200
    connection.set_schema_to_public()
    before = _rss_kib()
    times, failures = [], 0
    for host in hosts:
        began = time.perf_counter()
        response = client.get("/", HTTP_HOST=host)
        times.append(time.perf_counter() - began)
        failures += response.status_code != 200
    after = _rss_kib()

    # Berita Desa uncached: the platform cache (the portal's page cache) emptied before each request.
    portal_times = []
    for _ in range(20):
        caches["platform"].clear()
        began = time.perf_counter()
        assert client.get("/berita-desa/", HTTP_HOST=portal).status_code == 200
        portal_times.append(time.perf_counter() - began)
    connection.set_schema_to_public()
    health_times, health_rows, health_error = [], 0, ""
    for _ in range(3):
        began = time.perf_counter()
        try:
            health_rows = regency_health().total
        except DatabaseError as error:  # e.g. the lock table is full: one query locks every schema
            health_error = str(error).strip().splitlines()[0]
            connection.close()
            break
        health_times.append(time.perf_counter() - began)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend_pid = cursor.fetchone()[0]
        cursor.execute(
            "SELECT sum(total_bytes), sum(total_bytes) FILTER (WHERE name = 'CacheMemoryContext') "
            "FROM pg_backend_memory_contexts"
        )
        backend_total, backend_cache = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
        connections = cursor.fetchone()[0]
    try:
        backend_rss = _rss_kib(str(backend_pid))
    except OSError:  # a PostgreSQL server on another machine
        backend_rss = {}
    print(
        json.dumps(
            {
                "hosts": len(hosts),
                "failures": failures,
                "home_p50_ms": statistics.median(times) * 1000,
                "home_p99_ms": _percentile(times, 0.99) * 1000,
                "portal_berita_p95_ms": _percentile(portal_times, 0.95) * 1000,
                "health_s": statistics.median(health_times) if health_times else None,
                "health_rows": health_rows,
                "health_error": health_error,
                "process_rss_before_mib": before["VmRSS"] / 1024,
                "process_rss_after_mib": after["VmRSS"] / 1024,
                "process_anon_after_mib": after["RssAnon"] / 1024,
                "content_type_cache_schemas": len(ContentType.objects._cache),
                "content_type_cache_limit": settings.VILLAGEWEB_CONTENT_TYPE_CACHE_SCHEMAS,
                "backend_contexts_mib": float(backend_total or 0) / 2**20,
                "backend_cache_context_mib": float(backend_cache or 0) / 2**20,
                "backend_anon_mib": backend_rss.get("RssAnon", 0) / 1024,
                "backend_rss_mib": backend_rss.get("VmRSS", 0) / 1024,
                "db_client_connections": connections,
                "pid": os.getpid(),
            }
        )
    )


if __name__ == "__main__":
    main()
