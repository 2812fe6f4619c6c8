"""Benchmark of the service catalogue's search (#29): 2,000 services over many providers, searched
uncached on the portal and through the API, beside the news search of the same run.

    python bench/catalogue.py                    # 2,000 services, 20 providers, 200 news
    python bench/catalogue.py --services 5000

Runs on a scratch database (`villageweb_bench_catalogue`, dropped and created afresh). A few services
and all news go through the real publish path; the rest of the 2,000 catalogue rows are written with
the same upsert the publish uses (villageweb/services/services.py), so the search index is the real
one. "Uncached": before every request the portal's content version is raised (as a publish raises
it) and the process's page cache is emptied, so each request searches the database.
Target (issue #29): p95 < 50 ms.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
from bench.federation import WORDS, fill  # noqa: E402  (needs the project on the path)
from bench.scratch import scratch_database_url  # noqa: E402

SCRATCH_DB = "villageweb_bench_catalogue"
REQUESTS = 100
NAMES = [
    "Akta Kelahiran",
    "Akta Kematian",
    "Surat Keterangan Pindah",
    "Kartu Keluarga",
    "KTP Elektronik",
    "Nomor Induk Berusaha",
    "Persetujuan Bangunan Gedung",
    "Izin Usaha Mikro",
    "Surat Keterangan Usaha",
    "Surat Keterangan Domisili",
    "Pengantar SKCK",
    "Surat Keterangan Tidak Mampu",
    "Rekomendasi Izin Keramaian",
    "Imunisasi Dasar",
    "Ambulans Gawat Darurat",
    "Pendaftaran Rawat Jalan",
    "Bantuan Korban Bencana",
    "Beasiswa Pendidikan",
    "Legalisasi Ahli Waris",
    "Izin Praktik Bidan",
]
EVENTS = ["kelahiran", "sekolah", "menikah", "pindah", "usaha", "sakit", "kematian", "bencana"]
QUERIES = ["akta kelahiran", "izin usaha", "surat pindah", "ktp", "ambulans", "keterangan tidak mampu"]


def setup_django() -> None:
    os.environ["DATABASE_URL"] = scratch_database_url(SCRATCH_DB, fresh=True)
    os.environ["VILLAGEWEB_MEDIA_ROOT"] = "/tmp/villageweb-bench-catalogue-media"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "villageweb.settings.dev")
    import django

    django.setup()


def providers_make(count: int) -> list:
    from provisioning.services import village_provision

    made = [
        village_provision(
            code=f"OPD.UJI{number:02d}",
            name=f"Dinas Uji {number:02d}",
            district_name="",
            kind="opd",
            actor="bench",
        )
        for number in range(count // 4)
    ]
    made += [
        village_provision(
            code=f"35.23.{1 + number % 20:02d}.{2001 + number:04d}",
            name=f"Bench {number:03d}",
            district_name=f"Kecamatan Uji {1 + number % 20:02d}",
            actor="bench",
        )
        for number in range(count - len(made))
    ]
    return made


def services_fill(providers: list, total: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from tenants.models import Village
    from villageweb.services.services import _COLUMNS, _UPSERT_PAGE

    rows = list(Village.objects.filter(code__in=[p.code for p in providers]).values_list("pk", "name"))
    rng = random.Random(29)
    with connection.cursor() as cursor:
        for number in range(total):
            provider_id, provider_name = rows[number % len(rows)]
            name = f"{NAMES[number % len(NAMES)]} {number}"
            words = " ".join(rng.choice(WORDS) for _ in range(12))
            requirements = ["KTP-el", "Kartu Keluarga", f"Surat pengantar {words[:30]}"]
            steps = [f"Langkah {step}: {words}" for step in range(4)]
            values = [
                provider_id,
                100000 + number,
                None,  # template_id: a provider's own page, not a regency template's copy
                name,
                f"layanan-{number}",
                f"Ringkasan {words}",
                f"/layanan/l-{number}/",
                requirements,
                steps,
                "1 hari kerja",
                "Gratis",
                "Surat",
                ["UU 25/2009"],
                "SP4N-LAPOR!",
                "Kantor",
                "08.00-14.00",
                "",
                "(0356) 1",
                "",
                "",
                "",
                [rng.choice(EVENTS)],
                "",
                None,
                timezone.now(),
            ]
            weighted = [name, " ".join(["Ringkasan", words, *requirements, provider_name]), " ".join(steps)]
            assert len(values) == len(_COLUMNS), (len(values), _COLUMNS)
            cursor.execute(_UPSERT_PAGE, [*values, *weighted])


def measure() -> None:
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    cache = caches["platform"]

    def uncached() -> None:  # a publish raises the content version; the page cache is emptied too
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO tenants_contentversion (scope, number) "
                "VALUES ('portal', nextval('tenants_contentversion_number')) "
                "ON CONFLICT (scope) DO UPDATE SET number = EXCLUDED.number"
            )
        cache.clear()

    def timed(paths: list[str]) -> list[float]:
        timings = []
        for number in range(REQUESTS):
            uncached()
            start = time.perf_counter()
            response = client.get(paths[number % len(paths)])
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        return sorted(timings)

    def line(label: str, timings: list[float], baseline: float | None) -> float:
        p95 = timings[int(len(timings) * 0.95) - 1]
        ratio = f"  {p95 / baseline:4.2f}x berita" if baseline else ""
        print(f"{label:34} p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms{ratio}")
        return p95

    for path in ("/berita-desa/?q=panen+jagung", "/layanan/?q=akta+kelahiran", "/api/v1/layanan/?q=ktp"):
        client.get(path)  # warm the process: templates, URL resolvers, roster
    from villageweb.services.models import CatalogueService

    print(f"\n{CatalogueService.objects.count()} layanan; {REQUESTS} permintaan per baris, tanpa cache")
    news = line(
        "Berita Desa: cari (acuan)", timed(["/berita-desa/?q=panen+jagung", "/berita-desa/?q=posyandu"]), None
    )
    line("Layanan: cari (portal)", timed([f"/layanan/?q={q.replace(' ', '+')}" for q in QUERIES]), news)
    line("Layanan: cari (API)", timed([f"/api/v1/layanan/?q={q.replace(' ', '+')}" for q in QUERIES]), news)
    line("Layanan: peristiwa hidup", timed([f"/layanan/?event={e}" for e in EVENTS]), news)
    line("Layanan: semua (halaman 1)", timed(["/layanan/"]), news)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--providers", type=int, default=20)
    parser.add_argument(
        "--news", type=int, default=10, help="news items per village, through the real publish"
    )
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from provisioning.services import platform_init

    platform_init(migrate=True)
    connection.set_schema_to_public()
    start = time.perf_counter()
    providers = providers_make(args.providers)
    for village in providers[args.providers // 4 :]:
        fill(village, args.news)
    services_fill(providers, args.services)
    print(
        f"{args.providers} penyelenggara, {args.services} layanan dalam {time.perf_counter() - start:.0f} s"
    )
    measure()


if __name__ == "__main__":
    main()
