import json

from django.db import connection
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tenants.isolation import PublicOnlyPermissionPolicy
from villageweb.services import shapes
from villageweb.services.models import Application, CatalogueService
from villageweb.services.queries import Provider


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


@hooks.register("villageweb_service_page_context")
def service_page_catalogue(*, page, request) -> dict:
    """What the portal's catalogue knows of a start page: its link status and its JSON-LD."""
    tenant = getattr(connection, "tenant", None)
    if page.pk is None or tenant is None or not getattr(tenant, "is_site", False):
        return {}
    service = (
        CatalogueService.objects.defer("search_vector")
        .filter(provider=tenant, source_page_id=page.pk)
        .first()
    )
    if service is None:
        return {}
    service.provider_listed = Provider(
        tenant.kind, tenant.code, tenant.display_name, (tenant.url or "") + "/", tenant.district_name
    )
    service.url = page.full_url or ""
    return {
        "catalogue_service": service,
        "service_channels": shapes.channels(service),
        "service_offline": bool(service.online_url) and not service.online_available,
        "service_jsonld": json.dumps(shapes.government_service(service), ensure_ascii=False).replace(
            "</", "<\\/"
        ),
    }
