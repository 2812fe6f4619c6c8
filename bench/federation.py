"""Benchmark of the news federation: fill villages with published news, then time the portal.

    python bench/federation.py                      # 328 villages x 100 news (about an hour on 2 cores)
    python bench/federation.py --villages 40 --items 20 [--workers 2]

Runs on a scratch database (`villageweb_bench_federation` on the same PostgreSQL server, dropped
and created afresh; never the demo's) and a scratch media folder. News goes through the real
publish path (`revision.publish()`), so the index is kept by the same receivers as in production.
Measures twice, at half and at full size, to show that query counts do not grow with villages.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
from bench.scratch import scratch_database_url  # noqa: E402  (needs the project on the path)

SCRATCH_DB = "villageweb_bench_federation"
REQUESTS = 60


def setup_django(*, fresh: bool = True) -> None:
    os.environ["DATABASE_URL"] = scratch_database_url(SCRATCH_DB, fresh=fresh)
    os.environ["VILLAGEWEB_MEDIA_ROOT"] = "/tmp/villageweb-bench-federation-media"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "villageweb.settings.dev")
    import django

    django.setup()


def provision(first: int, count: int) -> list:
    from provisioning.services import village_provision

    districts = [(f"{number:02d}", f"Kecamatan Uji {number:02d}") for number in range(1, 21)]
    villages = []
    for number in range(first, first + count):
        district_code, district_name = districts[number % len(districts)]
        villages.append(
            village_provision(
                code=f"35.23.{district_code}.{2001 + number:04d}",
                name=f"Bench {number:03d}",
                district_name=district_name,
                actor="bench",
            )
        )
    return villages


WORDS = (
    "panen jagung posyandu balita musyawarah desa kerja bakti jalan usaha tani bantuan langsung tunai "
    "nelayan melaut karang taruna lomba agustusan pembangunan embung irigasi sawah pelatihan umkm"
).split()


def fill(village, items: int) -> None:
    from django.db import connection
    from django_tenants.utils import schema_context
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from villageweb.news.models import NewsIndexPage, NewsPage
    from villageweb.village.models import HomePage

    with schema_context(village.schema):
        index = NewsIndexPage.objects.first()
        if index is None:
            index = HomePage.objects.get().add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
            index.save_revision().publish()
        image = Image.objects.create(title="Foto", file=get_test_image_file(filename="foto.png"))
        for number in range(items):
            words = " ".join(WORDS[(number + offset) % len(WORDS)] for offset in range(6))
            page = index.add_child(
                instance=NewsPage(
                    title=f"{words} {number}",
                    slug=f"berita-{number}",
                    date=f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}",
                    summary=f"Ringkasan {words}.",
                    main_image=image,
                    body=[("paragraph", f"<p>Isi berita tentang {words} di desa.</p>")],
                    live=False,
                )
            )
            page.save_revision().publish()
    connection.set_schema_to_public()


def measure(label: str) -> None:
    """Server time of each portal page in three states:

    - after a publish: the content version has just changed (as a village's publish changes it), so
      the page is rendered; the frame around it (menu, branding, routing: site version) is warm.
      This is every first visitor after a publish, and every search not asked before.
    - after a portal change: both versions have just changed, as Diskominfo's edit of a portal page,
      branding or announcement (or a village rename) changes them, so the frame is computed again
      and the village roster read again; what no version keys (the regency theme policy, Wagtail's
      own caches) stays. With the shared Redis cache of production this is also a restart.
    - cache emptied: nothing cached at all, village roster included (a restart of a process with
      its own LocMem cache).
    - cached: the same page again, from the version-keyed page cache.
    """
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client

    from villageweb.freshness.versions import PORTAL_CONTENT, PORTAL_SITE, version_raise
    from villageweb.portal.federation.queries import village_roster_forget

    client = Client(HTTP_HOST="localhost")
    cache = caches["platform"]
    executed = []

    def count_queries(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    def news_published() -> None:  # a village's publish: the content version only
        version_raise(PORTAL_CONTENT)  # what the version triggers do in the changing transaction

    def portal_changed() -> None:  # Diskominfo's change to the portal: both versions
        version_raise(PORTAL_CONTENT, PORTAL_SITE)

    def emptied() -> None:  # as after a restart: no cached page, frame or village roster
        cache.clear()
        village_roster_forget()

    states = {
        "after_publish": news_published,
        "portal_changed": portal_changed,
        "emptied": emptied,
        "cached": lambda: None,
    }

    def timed(path: str, state: str) -> list[float]:
        timings = []
        for _ in range(REQUESTS):
            states[state]()
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        return sorted(timings)

    def queries(path: str, state: str) -> int:
        client.get(path)
        states[state]()
        executed.clear()
        with connection.execute_wrapper(count_queries):
            client.get(path)
        return len(executed)

    def p95(timings: list[float]) -> float:
        return timings[int(len(timings) * 0.95) - 1]

    targets = [
        ("Berita Desa", "/berita-desa/"),
        ("Halaman kecamatan", "/berita-desa/kecamatan/kecamatan-uji-01/"),
        ("Pencarian", "/berita-desa/?q=panen+jagung"),
        ("API", "/api/v1/berita-desa/?kecamatan=35.23.02&page=2"),
    ]
    print(f"\n== {label} ==  (p50 / p95 ms, query)")
    print(
        f"{'halaman':20} {'setelah terbit':>24} {'setelah ubah portal':>24} {'cache kosong':>24} "
        f"{'dari cache':>24}"
    )
    for name, path in targets:
        assert client.get(path).status_code == 200, path
        columns = []
        for state in states:
            timings = timed(path, state)
            columns.append(
                f"{statistics.median(timings):7.1f} /{p95(timings):6.1f} ms {queries(path, state):3d} q"
            )
        print(f"{name:20} " + " ".join(f"{column:>24}" for column in columns))


def publish_to_visible(village) -> None:
    from django.db import connection
    from django.test import Client
    from django_tenants.utils import schema_context

    from villageweb.news.models import NewsIndexPage, NewsPage

    client = Client(HTTP_HOST="localhost")
    client.get("/berita-desa/")  # the page is in the cache before the publish
    with schema_context(village.schema):
        index = NewsIndexPage.objects.get()
        page = index.add_child(
            instance=NewsPage(
                title="Kabar kilat dari bench",
                slug="kabar-kilat",
                date="2027-01-01",
                summary="Baru.",
                live=False,
            )
        )
        start = time.perf_counter()
        page.save_revision().publish()
        published = time.perf_counter()
    connection.set_schema_to_public()
    visible = "Kabar kilat dari bench" in client.get("/berita-desa/").text
    seen = time.perf_counter()
    print(
        f"\nTerbit -> tampil di portal: publish {1000 * (published - start):.0f} ms; "
        f"{'tampil pada permintaan pertama' if visible else 'BELUM tampil'} "
        f"({1000 * (seen - published):.0f} ms setelah publish kembali)"
    )


def measure_existing() -> None:
    from django.core.management import call_command

    from tenants.models import Village
    from villageweb.portal.federation.models import FederatedNewsItem

    call_command("migrate_schemas", "--shared", verbosity=0)  # the filled database may predate a change
    villages = Village.objects.villages().count()
    print(f"{villages} desa, {FederatedNewsItem.objects.count()} berita di indeks (isi dari run sebelumnya)")
    measure(f"{villages} desa")


def fill_all(villages: list, items: int, workers: int) -> None:
    """Fill villages in `workers` forked processes (each publishes through the real path)."""
    if workers <= 1:
        for village in villages:
            fill(village, items)
        return
    import multiprocessing

    from django.db import connections

    connections.close_all()  # no worker may share (and later close) the parent's socket
    with multiprocessing.get_context("fork").Pool(workers, initializer=connections.close_all) as pool:
        pool.starmap(fill, [(village, items) for village in villages], chunksize=1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--villages", type=int, default=328)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes that publish")
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="time the portal again on the database an earlier run filled (no new villages or news)",
    )
    args = parser.parse_args()
    setup_django(fresh=not args.measure_only)
    if args.measure_only:
        measure_existing()
        return
    from django.db import connection

    from provisioning.services import platform_init
    from villageweb.portal.federation.models import FederatedNewsItem

    platform_init(migrate=True)
    connection.set_schema_to_public()
    half = args.villages // 2
    done = 0
    for size in (half, args.villages):
        start = time.perf_counter()
        villages = provision(done, size - done)
        fill_all(villages, args.items, args.workers)
        done = size
        indexed = FederatedNewsItem.objects.count()
        elapsed = time.perf_counter() - start
        print(f"\n{size} desa x {args.items} berita diterbitkan ({indexed} di indeks) dalam {elapsed:.0f} s")
        measure(f"{size} desa")
    publish_to_visible(villages[-1])


if __name__ == "__main__":
    main()
