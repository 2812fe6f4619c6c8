"""Issue 2's benchmark: N villages by the clone path and one by the default migrate path, same run.

The clone path is production's `village_provision` (the template snapshot replayed; the spare pool
is switched off so every village pays for its schema). The migrate path is django-tenants' default:
CREATE SCHEMA and every migration. Runs in a scratch database (`villageweb_bench_provision`).

Usage: python bench/provision.py [N]
"""

import sys
import time

from scratch import median, scratch_django_setup, scratch_drop


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    scratch_django_setup("villageweb_bench_provision")

    from django.conf import settings
    from django.db import connection

    from provisioning.services import platform_init, village_provision
    from tenants.models import Village

    settings.VILLAGEWEB_SPARE_SCHEMAS = 0
    platform_init(migrate=True)
    clone_times = []
    for number in range(count):
        began = time.monotonic()
        village_provision(
            code=f"35.23.99.{2001 + number}",
            name=f"Bench {number}",
            district_name="Bench",
            setup_link=True,
            actor="bench",
        )
        clone_times.append(time.monotonic() - began)
        connection.set_schema_to_public()
    settings.TENANT_CREATION_FAKES_MIGRATIONS, settings.TENANT_BASE_SCHEMA = False, None
    began = time.monotonic()
    Village(schema_name="village_bench_migrated", code="35.23.98.2001", name="Migrasi").save(verbosity=0)
    migrate_time = time.monotonic() - began
    connection.set_schema_to_public()
    clone = median(clone_times)
    print(f"clone path: median {clone:.3f} s per village over {count}")
    print(f"migrate path: {migrate_time:.3f} s for one village")
    print(f"ratio migrate/clone: {migrate_time / clone:.1f}x")
    scratch_drop("villageweb_bench_provision")


if __name__ == "__main__":
    main()
