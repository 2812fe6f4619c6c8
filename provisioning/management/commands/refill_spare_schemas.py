from django.conf import settings
from django.core.management.base import BaseCommand

from provisioning.schema_clone import spares_refill


class Command(BaseCommand):
    help = "Siapkan skema cadangan (salinan templat) agar pembuatan situs desa berikutnya instan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--size", type=int, default=None, help="Jumlah skema cadangan (bawaan: VILLAGEWEB_SPARE_SCHEMAS)"
        )
        parser.add_argument("--discard-all", action="store_true", help="Buang semua cadangan lama lebih dulu")

    def handle(self, *args, **options):
        size = settings.VILLAGEWEB_SPARE_SCHEMAS if options["size"] is None else options["size"]
        made = spares_refill(size=size, discard_all=options["discard_all"])
        self.stdout.write(f"Skema cadangan dibuat: {made}.")
