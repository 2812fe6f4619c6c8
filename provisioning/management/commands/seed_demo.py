"""Fill the platform with the demo villages and print where to find them and how to log in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django_tenants.utils import schema_context

from provisioning.audit import command_actor
from provisioning.demo import DEMO_PROVIDERS, DEMO_VILLAGES
from provisioning.hooks import DEMO_FILL, hooks_run
from provisioning.services import VILLAGE_ADMIN_USERNAME, village_provision
from tenants.models import Village, site_url
from villageweb.accounts.models import PasswordChangeRequired
from villageweb.accounts.services import password_generate
from villageweb.services.demo import applications_fill, provider_services_fill
from villageweb.services.local.demo import regency_templates_fill

STAFF_USERNAME = "diskominfo"


class Command(BaseCommand):
    help = "Buat desa demo berisi konten contoh, lalu cetak alamat dan akun masuknya."

    def handle(self, *args, **options):
        # The regency's village services first: each new village lists them when it is set up, and
        # its demo filler changes what differs there.
        regency_templates_fill()
        rows = []
        for demo in DEMO_VILLAGES:
            village = Village.objects.filter(code=demo.code).first()
            if village is None:
                village_provision(
                    code=demo.code,
                    name=demo.name,
                    district_name=demo.district_name,
                    kind=demo.kind,
                    actor=command_actor(),
                )
                village = Village.objects.get(code=demo.code)
                with schema_context(village.schema_name):
                    hooks_run(DEMO_FILL, village=village, demo=demo)
            with schema_context(village.schema_name):
                password = _password_reset(VILLAGE_ADMIN_USERNAME)
            rows.append((village.display_name, f"{village.url}/", f"{village.url}/admin/", password))

        providers = []
        for demo in DEMO_PROVIDERS:
            village = Village.objects.filter(code=demo.code).first()
            if village is None:
                village_provision(
                    code=demo.code,
                    name=demo.name,
                    district_name="",
                    kind=demo.kind,
                    subdomain=demo.subdomain,
                    actor=command_actor(),
                )
                village = Village.objects.get(code=demo.code)
            with schema_context(village.schema_name):
                provider_services_fill(village=village)
                password = _password_reset(VILLAGE_ADMIN_USERNAME)
            providers.append((village, password))
        applications_fill(owners={village.code: village for village, _ in providers})

        portal = site_url(settings.VILLAGEWEB_BASE_DOMAIN)
        staff_password = _password_reset(STAFF_USERNAME, superuser=True)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Portal kabupaten: {portal}/"))
        self.stdout.write(
            f"  Admin Diskominfo: {portal}/admin/  pengguna: {STAFF_USERNAME}  kata sandi: {staff_password}"
        )
        self.stdout.write(f"  Layanan publik: {portal}/layanan/  (API {portal}/api/v1/layanan/)")
        self.stdout.write(f"  Templat layanan desa: {portal}/admin/snippets/layanan/villageservicetemplate/")
        for name, url, admin_url, password in rows:
            self.stdout.write(self.style.SUCCESS(f"{name}: {url}"))
            self.stdout.write(f"  Layanan desa: {url}layanan/")
            self.stdout.write(
                f"  Admin desa: {admin_url}  pengguna: {VILLAGE_ADMIN_USERNAME}  kata sandi: {password}"
            )
        for village, password in providers:
            label = "Admin OPD" if village.kind == Village.Kind.OPD else "Admin kecamatan"
            self.stdout.write(self.style.SUCCESS(f"{village.display_name}: {village.url}/"))
            self.stdout.write(
                f"  {label}: {village.url}/admin/  pengguna: {VILLAGE_ADMIN_USERNAME}  kata sandi: {password}"
            )


def _password_reset(username: str, *, superuser: bool = False) -> str:
    """A fresh demo password each run (printed, so nobody needs to remember the last one)."""
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True, "is_superuser": superuser}
    )
    password = password_generate()
    user.set_password(password)
    user.save(update_fields=["password"])
    PasswordChangeRequired.objects.filter(user=user).delete()
    return password
