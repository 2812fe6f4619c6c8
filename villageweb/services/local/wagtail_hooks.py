"""The regency's village services in each village: its /layanan/ pages (hooks read by
ServiceIndexPage), the admin screens where the village changes only what differs, a new village's
catalogue rows, and the demo villages' own details."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from villageweb.services.local import services, urls
from villageweb.services.local.demo import village_overrides_demo_fill
from villageweb.services.local.regency import RegencyServicePage, templates_for
from villageweb.services.local.views import current_village_index


@hooks.register("villageweb_regency_services")
def regency_services(*, index, request) -> list:
    village = getattr(request, "tenant", None)
    if village is None or not village.is_village:
        return []
    return [service for service in services.village_services(village=village) if not service.superseded]


@hooks.register("villageweb_regency_service")
def regency_service(*, index, slug: str, request):
    village = getattr(request, "tenant", None)
    if village is None or not village.is_village or index.depth != 3:
        return None
    template = templates_for(village).filter(slug=slug).first()
    if template is None:
        return None
    service = services.village_services(village=village, templates=[template])[0]
    return RegencyServicePage(service, index) if service.listed else None


hooks.register("villageweb_village_setup", services.village_regency_setup, order=90)
hooks.register("villageweb_demo_fill", village_overrides_demo_fill, order=90)


class VillageServicesMenuItem(MenuItem):
    def is_shown(self, request):
        return current_village_index(request) is not None


@hooks.register("register_admin_urls")
def register_village_services_urls():
    return [path("", include(urls))]


@hooks.register("register_admin_menu_item")
def register_village_services_menu_item():
    return VillageServicesMenuItem(
        "Layanan desa", reverse("layanan_desa_list"), icon_name="list-ul", order=65
    )
