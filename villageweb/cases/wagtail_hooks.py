"""The holiday table in the portal's admin (Diskominfo keeps it current each year); never on a
provider host (public-only model, tenants/isolation.py). Cases themselves have no generic screen:
providers reach them only through their inbox (villageweb/cases/inbox)."""

from wagtail.admin.panels import FieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tenants.isolation import PublicOnlyPermissionPolicy
from villageweb.cases.models import Holiday


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "date"
    menu_label = "Hari Libur Nasional"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    ordering = ["-date"]
    panels = [FieldPanel("date"), FieldPanel("name"), FieldPanel("kind")]


register_permission_policy(Holiday, PublicOnlyPermissionPolicy(Holiday), exact_class=True)
register_snippet(HolidayViewSet)
