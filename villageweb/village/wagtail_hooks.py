from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from villageweb.media.quota import storage_usage
from villageweb.schemas import in_public_schema
from villageweb.village.completeness import contact_completeness_items, profile_completeness_items
from villageweb.village.demo import home_demo_fill, village_demo_fill
from villageweb.village.home import home_template_prepare, village_home_personalise
from villageweb.village.models import LegalProduct, PublicInformation
from villageweb.village.tree import village_tree_build, village_tree_personalise


class LegalProductViewSet(SnippetViewSet):
    model = LegalProduct
    icon = "doc-full"
    menu_label = "Produk hukum"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "kind", "number", "year"]
    list_filter = ["kind", "year"]
    search_fields = ["title"]


class PublicInformationViewSet(SnippetViewSet):
    model = PublicInformation
    icon = "info-circle"
    menu_label = "Informasi publik"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "category", "year"]
    list_filter = ["category"]
    search_fields = ["title", "description"]


# Both are village-only (settings.VILLAGEWEB_VILLAGE_ONLY_MODELS): the gate in tenants/isolation.py keeps
# their screens and menu items off the portal.
register_snippet(LegalProductViewSet)
register_snippet(PublicInformationViewSet)


class StoragePanel(Component):
    """Dashboard panel "Ruang penyimpanan": how much of the village's quota its images and documents
    take, so editors see it filling before an upload is refused."""

    name = "ruang_penyimpanan"
    template_name = "village/panels/storage_panel.html"
    order = 60

    def __init__(self, usage):
        self.usage = usage

    def get_context_data(self, parent_context=None):
        return {"usage": self.usage, "nearly_full": self.usage.percent >= 90}


@hooks.register("construct_homepage_panels")
def add_storage_panel(request, panels):
    if not in_public_schema() and (usage := storage_usage()) is not None:
        panels.append(StoragePanel(usage))


# Provisioning's extension points (provisioning/hooks.py); the order runs across every app's hooks.
hooks.register("villageweb_template_build", home_template_prepare, order=10)
hooks.register("villageweb_template_build", village_tree_build, order=30)  # after the groups (accounts)
hooks.register("villageweb_village_setup", village_home_personalise, order=10)
hooks.register("villageweb_village_setup", village_tree_personalise, order=20)
hooks.register("villageweb_demo_fill", home_demo_fill, order=10)
hooks.register("villageweb_demo_fill", village_demo_fill, order=20)

# Site health's checklist (villageweb/health/completeness.py): the profile first, the contact last.
hooks.register("villageweb_completeness_items", profile_completeness_items, order=10)
hooks.register("villageweb_completeness_items", contact_completeness_items, order=90)
