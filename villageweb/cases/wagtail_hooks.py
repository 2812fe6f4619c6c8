"""The cases app in the admin and in provisioning's extension points (provisioning/hooks.py).

The holiday table is edited in the portal's admin (Diskominfo keeps it current each year), never on a
provider host (public-only model, tenants/isolation.py). Cases themselves have no generic screen:
providers reach them only through their inbox (villageweb/cases/inbox)."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tenants.isolation import PublicOnlyPermissionPolicy
from villageweb.cases.demo import cases_demo_fill
from villageweb.cases.models import Holiday

# After every content app's demo (the cases reference the village's own pages and accounts).
hooks.register("villageweb_demo_fill", cases_demo_fill, order=70)


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
