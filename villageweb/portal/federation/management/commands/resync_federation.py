from django.core.management.base import BaseCommand, CommandError

from tenants.models import Village
from villageweb.portal.federation.services import federation_resync


class Command(BaseCommand):
    help = "Membangun ulang indeks berita desa di portal dari skema setiap desa (keputusan moderasi tetap)."

    def add_arguments(self, parser):
        parser.add_argument("--village", metavar="KODE", help="Hanya desa dengan kode Kemendagri ini.")

    def handle(self, *args, village=None, **options):
        villages = Village.objects.villages().order_by("code")
        if village:
            villages = villages.filter(code=village)
            if not villages.exists():
                raise CommandError(f"Desa dengan kode {village} tidak ditemukan.")
        total = 0
        for item in villages:
            listed = federation_resync(village=item)
            total += listed
            self.stdout.write(f"{item.code} {item.display_name}: {listed} berita")
        self.stdout.write(
            self.style.SUCCESS(f"Selesai: {total} berita dari {len(villages)} desa di indeks portal.")
        )
