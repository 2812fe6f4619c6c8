import time

from django.core.management.base import BaseCommand, CommandError

from provisioning.schema_migrations import SchemaOutcome, SchemaUpdateBusy, villages_migrate


class Command(BaseCommand):
    help = (
        "Terapkan migrasi yang tertunda ke semua skema desa (dan skema templat) secara paralel. "
        "Jalankan migrate_schemas --shared lebih dulu untuk skema publik."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--processes",
            type=int,
            help="Jumlah proses pekerja (bawaan: TENANT_MULTIPROCESSING_MAX_PROCESSES)",
        )

    def handle(self, *args, **options):
        verbose = options["verbosity"] >= 2

        def report(outcome: SchemaOutcome) -> None:
            # Each schema as it finishes: the same lines the admin's job records as progress.
            if outcome.error:
                self.stderr.write(f"GAGAL {outcome.label} ({outcome.schema}): {outcome.error}")
            elif verbose:
                self.stdout.write(f"  {outcome.label}: {', '.join(outcome.applied)}")

        started = time.monotonic()
        try:
            run = villages_migrate(processes=options["processes"], on_outcome=report)
        except SchemaUpdateBusy as busy:
            raise CommandError(str(busy)) from busy
        seconds = time.monotonic() - started
        self.stdout.write(
            f"{len(run.migrated)} skema dimigrasikan, {len(run.up_to_date)} sudah mutakhir, "
            f"{len(run.failed)} gagal, dalam {seconds:.1f} detik."
        )
        if run.failed:
            codes = ", ".join(outcome.label for outcome in run.failed)
            raise CommandError(f"Migrasi gagal untuk: {codes}. Perbaiki lalu jalankan lagi migrate_villages.")
