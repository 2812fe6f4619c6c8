from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from provisioning.support.views import support_access_report, village_audit_report
from villageweb.accounts.roles import is_village_admin


class VillageAdminMenuItem(MenuItem):
    def is_shown(self, request):
        # The portal never lists it: the menu filter of tenants/isolation.py drops village-only screens.
        return is_village_admin(request.user)


@hooks.register("register_admin_urls")
def register_support_urls():
    return [
        path("akses-dukungan/", support_access_report, name="support_access_report"),
        path("log-tindakan-diskominfo/", village_audit_report, name="village_audit_report"),
    ]


@hooks.register("register_reports_menu_item")
def register_support_report_menu_item():
    return VillageAdminMenuItem(
        "Akses Dukungan Diskominfo", reverse("support_access_report"), icon_name="key", order=900
    )


@hooks.register("register_reports_menu_item")
def register_village_audit_menu_item():
    return VillageAdminMenuItem(
        "Log Tindakan Diskominfo", reverse("village_audit_report"), icon_name="history", order=910
    )


@hooks.register("insert_global_admin_css")
def support_banner_css():
    return format_html('<link rel="stylesheet" href="{}">', static("support/admin_banner.css"))
