"""The village dashboard's "Kelengkapan Situs" panel: the same score the regency reads."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from villageweb.health.completeness import site_completeness
from villageweb.schemas import in_public_schema


class CompletenessPanel(Component):
    """Dashboard checklist "Kelengkapan Situs" with the same score the regency reads."""

    name = "kelengkapan_situs"
    template_name = "health/panels/completeness_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        return {"completeness": site_completeness()}


@hooks.register("construct_homepage_panels")
def add_completeness_panel(request, panels):
    if not in_public_schema():
        panels.append(CompletenessPanel())
