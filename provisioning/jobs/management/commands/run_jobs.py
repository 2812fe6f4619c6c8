from django.core.management.base import BaseCommand

from provisioning.jobs.runner import jobs_run


class Command(BaseCommand):
    help = (
        "Jalankan pekerjaan terjadwal semua desa. Dengan --once: jalankan semua yang sudah jatuh tempo "
        "sekali lalu keluar (untuk cron dan tes); tanpa --once: pekerja yang terus berjalan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Jalankan pekerjaan yang jatuh tempo sampai antrean kosong, lalu keluar.",
        )
        parser.add_argument(
            "--stalled-after",
            type=float,
            help=(
                "Detik tanpa detak dari sebuah pekerja sebelum pekerjaannya diulang "
                "(bawaan: VILLAGEWEB_JOBS_STALLED_SECONDS)."
            ),
        )

    def handle(self, *args, **options):
        outcome = jobs_run(once=options["once"], stalled_after=options["stalled_after"])
        if outcome["retried"]:
            self.stdout.write(f"{outcome['retried']} pekerjaan yang terhenti diulang.")
        if options["once"]:
            self.stdout.write("Semua pekerjaan yang jatuh tempo sudah dijalankan.")
