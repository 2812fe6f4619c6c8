from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from villageweb.schemas import in_public_schema
from villageweb.village.completeness import site_completeness
from villageweb.village.models import LegalProduct, PublicInformation


class VillageSnippetViewSet(SnippetViewSet):
    """Village data: its menu item stays out of the regency portal's admin."""

    @cached_property
    def menu_item_class(self):
        base = super().menu_item_class

        def is_shown(_self, request):
            return not in_public_schema() and base.is_shown(_self, request)

        return type(base.__name__, (base,), {"is_shown": is_shown})


class LegalProductViewSet(VillageSnippetViewSet):
    model = LegalProduct
    icon = "doc-full"
    menu_label = "Produk hukum"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "kind", "number", "year"]
    list_filter = ["kind", "year"]
    search_fields = ["title"]


class PublicInformationViewSet(VillageSnippetViewSet):
    model = PublicInformation
    icon = "info-circle"
    menu_label = "Informasi publik"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "category", "year"]
    list_filter = ["category"]
    search_fields = ["title", "description"]


register_snippet(LegalProductViewSet)
register_snippet(PublicInformationViewSet)


class CompletenessPanel(Component):
    """Dashboard checklist "Kelengkapan Situs" with the same score the regency reads."""

    name = "kelengkapan_situs"
    template_name = "village/panels/completeness_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        return {"completeness": site_completeness()}


@hooks.register("construct_homepage_panels")
def add_completeness_panel(request, panels):
    if not in_public_schema():
        panels.append(CompletenessPanel())
