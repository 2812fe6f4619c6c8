"""The "Desa" menu of the portal's admin, for Diskominfo staff only (never shown on village hosts)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from provisioning import site_import_admin
from provisioning.admin_views import actions, exports, health, jobs, villages
from provisioning.admin_views.access import is_diskominfo_staff
from provisioning.health import regency_health


class DiskominfoMenuItem(MenuItem):
    def is_shown(self, request):
        return is_diskominfo_staff(request.user)


class DiskominfoSubmenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return is_diskominfo_staff(request.user)


@hooks.register("register_admin_urls")
def register_diskominfo_urls():
    return [
        path("desa/", villages.village_list, name="diskominfo_village_list"),
        path("desa/baru/", villages.village_create, name="diskominfo_village_create"),
        path("desa/kesehatan/", health.village_health, name="diskominfo_village_health"),
        path(
            "desa/kesehatan/kunci/<int:lockout_id>/buka/",
            health.login_lockout_lift_view,
            name="diskominfo_login_lockout_lift",
        ),
        path("desa/katalog-layanan/", health.catalogue_dashboard, name="diskominfo_catalogue"),
        path("desa/impor/", jobs.village_import, name="diskominfo_village_import"),
        path("desa/impor-situs/", site_import_admin.site_import_start, name="diskominfo_site_import"),
        path("desa/perbarui-skema/", jobs.villages_migrate, name="diskominfo_villages_migrate"),
        path("desa/pekerjaan/<uuid:job_id>/", jobs.job_detail, name="diskominfo_job_detail"),
        path("desa/pekerjaan/<uuid:job_id>/unduh/", jobs.job_download, name="diskominfo_job_download"),
        path("desa/<str:code>/", villages.village_detail, name="diskominfo_village_detail"),
        path(
            "desa/<str:code>/ekspor/<int:export_id>/unduh/",
            exports.export_download,
            name="diskominfo_export_download",
        ),
        path("desa/<str:code>/<slug:action>/", actions.village_action, name="diskominfo_village_action"),
    ]


@hooks.register("register_admin_menu_item")
def register_diskominfo_menu():
    submenu = Menu(
        items=[
            DiskominfoMenuItem(
                "Daftar desa", reverse("diskominfo_village_list"), icon_name="list-ul", order=100
            ),
            DiskominfoMenuItem(
                "Tambah desa", reverse("diskominfo_village_create"), icon_name="plus", order=200
            ),
            DiskominfoMenuItem(
                "Impor daftar desa", reverse("diskominfo_village_import"), icon_name="upload", order=250
            ),
            DiskominfoMenuItem(
                "Impor situs lama desa", reverse("diskominfo_site_import"), icon_name="download", order=260
            ),
            DiskominfoMenuItem(
                "Kesehatan Situs Desa", reverse("diskominfo_village_health"), icon_name="pick", order=300
            ),
            DiskominfoMenuItem(
                "Katalog layanan", reverse("diskominfo_catalogue"), icon_name="list-ul", order=350
            ),
        ]
    )
    return DiskominfoSubmenuItem("Desa", submenu, icon_name="site", order=50)


class HealthSummaryPanel(Component):
    """The Diskominfo dashboard's first panel: how many villages kept their site up to date, and the
    way to the ones that did not (Kesehatan Situs Desa)."""

    name = "kesehatan_desa"
    template_name = "provisioning/admin/health_panel.html"
    order = 10

    def get_context_data(self, parent_context=None):
        health = regency_health(with_storage=False)
        stale = health.stale
        return {
            "health": health,
            "stale_count": len(stale),
            "stale_names": [row.village.display_name for row in stale[:5]],
            "url": reverse("diskominfo_village_health"),
        }


@hooks.register("construct_homepage_panels")
def add_health_summary_panel(request, panels):
    if is_diskominfo_staff(request.user):  # only ever true on the portal
        panels.append(HealthSummaryPanel())
