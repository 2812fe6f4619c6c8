from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from tenants.models import Village
from villageweb.services.local.services import village_services_federate
from villageweb.services.services import catalogue_resync


class Command(BaseCommand):
    help = (
        "Membangun ulang katalog layanan di portal dari halaman layanan setiap penyelenggara dan, "
        "untuk desa dan kelurahan, dari layanan desa templat kabupaten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--provider",
            metavar="KODE",
            help="Hanya penyelenggara dengan kode ini.",
        )

    def handle(self, *args, provider=None, **options):
        providers = Village.objects.villages().order_by("code")
        if provider:
            providers = providers.filter(code=provider)
            if not providers.exists():
                raise CommandError(f"Penyelenggara dengan kode {provider} tidak ditemukan.")
        total = 0
        for item in providers:
            listed = catalogue_resync(provider=item)
            if item.is_village:  # its copies of the regency's village services
                with schema_context(item.schema_name):
                    listed += village_services_federate(village=item)
            total += listed
            self.stdout.write(f"{item.code} {item.display_name}: {listed} layanan")
        self.stdout.write(
            self.style.SUCCESS(f"Selesai: {total} layanan dari {len(providers)} penyelenggara.")
        )
