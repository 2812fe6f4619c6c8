"""The Pengaduan inbox in a provider's admin: URLs, a sidebar item with the unread count, and a panel
at the top of the dashboard while something is unread (issue 27 item 4). Never on the portal: the app
is village-only, so tenants/isolation.py refuses its views and hides its menu item there."""

from django.db import connection
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from villageweb.cases import services
from villageweb.cases.inbox import urls
from villageweb.cases.inbox.views import may_handle_cases


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return may_handle_cases(request.user)


class UnreadCasesPanel(Component):
    name = "pengaduan_baru"
    template_name = "cases_inbox/panels/unread.html"
    order = -10  # above Tulis Kabar: a citizen waiting comes first

    def __init__(self, cases, unread):
        self.cases, self.unread = cases, unread

    def get_context_data(self, parent_context=None):
        return {"cases": self.cases, "unread": self.unread, "url": reverse("cases_inbox")}


@hooks.register("register_admin_urls")
def register_inbox_urls():
    return [path("", include(urls))]


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem("Pengaduan", reverse("cases_inbox"), icon_name="mail", order=60)


@hooks.register("construct_homepage_panels")
def add_unread_cases_panel(request, panels):
    if not may_handle_cases(request.user) or connection.tenant is None:
        return
    if getattr(connection.tenant, "kind", "") in ("portal", "template"):
        return
    unread = services.provider_unread_count(connection.tenant)
    if unread:
        cases = services.provider_cases(connection.tenant).filter(read_at__isnull=True)[:5]
        panels.insert(0, UnreadCasesPanel(list(cases), unread))
