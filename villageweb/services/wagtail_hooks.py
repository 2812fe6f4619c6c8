import json

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from tenants.isolation import PublicOnlyPermissionPolicy
from villageweb.services import shapes
from villageweb.services.local.services import template_federate
from villageweb.services.models import (
    TEMPLATE_GUIDANCE,
    Application,
    CatalogueService,
    VillageServiceTemplate,
)
from villageweb.services.queries import Provider
from villageweb.village.models.base import GuidancePanel


class ApplicationViewSet(SnippetViewSet):
    """The application registry: Diskominfo lists every OPD application citizens start services in."""

    model = Application
    icon = "link"
    menu_label = "Registri aplikasi"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "owner", "url", "link_status", "link_checked_at"]
    list_filter = ["link_status"]


register_permission_policy(Application, PublicOnlyPermissionPolicy(Application), exact_class=True)
register_snippet(ApplicationViewSet)


class _TemplateFederating:
    """A template's save reaches every village's catalogue row in the save's own transaction
    (Wagtail's create and edit views save inside transaction.atomic)."""

    def save_instance(self):
        instance = super().save_instance()
        template_federate(template=instance)
        return instance


class TemplateCreateView(_TemplateFederating, CreateView):
    pass


class TemplateEditView(_TemplateFederating, EditView):
    pass


class VillageServiceTemplateViewSet(SnippetViewSet):
    """The regency's village services, defined once by Diskominfo for every desa and kelurahan.
    A deleted template leaves every village's listing and the catalogue with it (foreign key)."""

    model = VillageServiceTemplate
    icon = "list-ul"
    menu_label = "Layanan desa (templat)"
    menu_order = 215
    add_to_admin_menu = True
    add_view_class = TemplateCreateView
    edit_view_class = TemplateEditView
    list_display = ["title", "for_desa", "for_kelurahan", "cost", "reviewed_at", "updated_at"]
    search_fields = ["title", "keywords"]
    panels = [
        GuidancePanel(TEMPLATE_GUIDANCE, heading="Petunjuk"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("for_desa"), FieldPanel("for_kelurahan")], heading="Berlaku di"),
        MultiFieldPanel([FieldPanel("requirements"), FieldPanel("steps")], heading="Persyaratan dan alur"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("duration"), FieldPanel("cost")]), FieldPanel("output")],
            heading="Waktu, biaya, dan produk",
        ),
        FieldPanel("legal_basis"),
        FieldPanel("complaints"),
        MultiFieldPanel(
            [FieldPanel("officer"), FieldPanel("hours")], heading="Bawaan yang dapat diubah desa"
        ),
        FieldPanel("life_events"),
        FieldPanel("keywords"),
        FieldPanel("reviewed_at"),
    ]


register_permission_policy(
    VillageServiceTemplate, PublicOnlyPermissionPolicy(VillageServiceTemplate), exact_class=True
)
register_snippet(VillageServiceTemplateViewSet)

DISKOMINFO_GROUP = "Diskominfo"  # made by provisioning's migration 0002; its staff run the portal


@hooks.register("villageweb_portal_build", order=20)
def diskominfo_keeps_templates() -> None:
    """The Diskominfo group may add, change and delete the regency's village services (run by
    init_platform on every deploy; idempotent)."""
    group, _ = Group.objects.get_or_create(name=DISKOMINFO_GROUP)
    content_type = ContentType.objects.get_for_model(VillageServiceTemplate)
    group.permissions.add(*Permission.objects.filter(content_type=content_type))


@hooks.register("villageweb_service_page_context")
def service_page_catalogue(*, page, request) -> dict:
    """What the portal's catalogue knows of a start page (a service page, or a regency service
    served by the village's /layanan/): its link status and its JSON-LD."""
    tenant = getattr(connection, "tenant", None)
    if tenant is None or not getattr(tenant, "is_site", False):
        return {}
    regency = getattr(page, "service", None)
    rows = CatalogueService.objects.defer("search_vector").filter(provider=tenant)
    if regency is not None:
        service = rows.filter(template_id=regency.template_id).first()
        url = request.build_absolute_uri(regency.path) if request else ""
    elif page.pk is not None:
        service = rows.filter(source_page_id=page.pk).first()
        url = page.full_url or ""
    else:
        return {}
    if service is None:
        return {}
    service.provider_listed = Provider(
        tenant.kind, tenant.code, tenant.display_name, (tenant.url or "") + "/", tenant.district_name
    )
    service.url = url
    return {
        "catalogue_service": service,
        "service_channels": shapes.channels(service),
        "service_offline": bool(service.online_url) and not service.online_available,
        "service_jsonld": json.dumps(shapes.government_service(service), ensure_ascii=False).replace(
            "</", "<\\/"
        ),
    }
