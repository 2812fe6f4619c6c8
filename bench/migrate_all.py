"""Benchmark: migrating all village schemas, django-tenants' stock command against `migrate_villages`.

    python bench/migrate_all.py [--villages 328] [--keep]

Builds a scratch database on the embedded PostgreSQL server (never the demo's), prepares the platform
and N village schemas (each a renamed dump of the template schema: the fast clone), then times, each
as an operator runs it (a fresh `manage.py` process, so Python start-up is included):

1. no-op (nothing pending): `migrate_schemas --tenant --executor=multiprocessing` and `migrate_villages`;
2. one new migration adding a column to every schema's page table (the scratch app bench/migrate_app,
   added through bench/migrate_settings.py): 0001 with the stock command, 0002 with `migrate_villages`.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DATABASE = "villageweb_bench_migrate"
REGENCY = "35.23"


def _manage(env: dict, *args: str) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env, check=True)
    return time.monotonic() - started


def _scratch_database() -> str:
    sys.path.insert(0, str(PROJECT))
    from villageweb.database import embedded_server

    server = embedded_server()
    server.psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE);')
    server.psql(f'CREATE DATABASE "{DATABASE}";')
    return server.get_uri(database=DATABASE)


def _villages_create(count: int) -> float:
    """Create `count` villages: tenant rows in bulk, schemas as renamed dumps of the template."""
    import django

    django.setup()
    from django.db import connection, transaction

    from provisioning.schema_clone import template_snapshot_current
    from tenants.models import Village, schema_name_for_code

    started = time.monotonic()
    snapshot = template_snapshot_current()
    rows = []
    for number in range(count):
        district, serial = divmod(number, 20)
        code = f"{REGENCY}.{district + 1:02d}.{2001 + serial:04d}"
        schema = schema_name_for_code(code)
        with transaction.atomic():
            snapshot.replay(schema)
        connection.set_schema_to_public()
        rows.append(
            Village(
                schema_name=schema,
                code=code,
                name=f"Bangku {number + 1}",
                district_code=code.rsplit(".", 1)[0],
                district_name=f"Kecamatan {district + 1}",
            )
        )
    Village.objects.bulk_create(rows)
    return time.monotonic() - started


def _report(stock: float, fast: float) -> None:
    if not stock:
        print(f"migrate_villages:                                 {fast:6.1f} s")
        return
    print(f"stock migrate_schemas --executor=multiprocessing: {stock:6.1f} s")
    print(f"migrate_villages:                                 {fast:6.1f} s  ({stock / fast:.1f}x faster)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--villages", type=int, default=328)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--skip-stock", action="store_true", help="time only migrate_villages")
    options = parser.parse_args()

    url = _scratch_database()
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="bench.migrate_settings",
        VILLAGEWEB_MEDIA_ROOT="/tmp/villageweb-bench-migrate-media",
    )
    env = dict(os.environ)
    _manage(env, "init_platform")
    seconds = _villages_create(options.villages)
    schemas = options.villages + 1  # and the template
    print(f"{options.villages} desa dibuat (salinan dump templat) dalam {seconds:.1f} s; {schemas} skema")

    print("\n== no-op (semua mutakhir) ==")
    stock = ["migrate_schemas", "--tenant", "--executor=multiprocessing", "-v", "0"]
    stock_noop = 0.0 if options.skip_stock else _manage(env, *stock)
    fast_noop = _manage(env, "migrate_villages", "-v", "0")
    _report(stock_noop, fast_noop)

    env_app = {**env, "BENCH_MIGRATE_APP": "1"}
    if options.skip_stock:
        print("\n== dua migrasi baru (0001 dan 0002: dua kolom di setiap skema) ==")
        stock_one = 0.0
    else:
        print("\n== satu migrasi baru (tambah satu kolom di setiap skema) ==")
        stock_one = _manage(env_app, *stock, "migrate_bench", "0001_page_column_for_stock_run")
    fast_one = _manage(env_app, "migrate_villages", "-v", "0")
    _report(stock_one, fast_one)
    print(f"\nproses pekerja: {os.environ.get('VILLAGEWEB_MIGRATE_PROCESSES', os.cpu_count())}")

    if not options.keep:
        from django.db import connections

        from villageweb.database import embedded_server

        connections.close_all()
        embedded_server().psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE);')


if __name__ == "__main__":
    main()
