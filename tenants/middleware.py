"""Routing a request to its village's schema, and closing the doors of villages that are not active."""

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.http import HttpResponsePermanentRedirect
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.models import ContentVersion, Domain, Village, site_url
from tenants.views import tls_ask, unknown_host, village_suspended

TLS_ASK_PATH = "/_tls/ask"


class VillageTenantMiddleware(TenantMainMiddleware):
    """django-tenants' host routing, plus: suspended villages answer 503, archived ones 404, and a
    request on any domain of a village other than its primary one, or on a `www.` variant of any,
    answers 301 to the primary domain with the same path and query (old subdomains after a rename,
    extra custom domains).

    Being first in MIDDLEWARE and serving only hosts in the Domain table, it is the host gate:
    see docs/operations.md on ALLOWED_HOSTS.
    """

    def get_tenant(self, domain_model, hostname):
        """The domain and its village, with the content versions of the village and of the platform
        (ContentVersion; 0 before the first change) read in the same query, before anything they
        key: `tenant.content_versions`."""
        numbers = ContentVersion.objects.values("number")  # scope is the primary key: one row or none
        domain = (
            domain_model.objects.select_related("tenant")
            .annotate(
                village_version=Subquery(numbers.filter(scope=OuterRef("tenant__schema_name"))),
                platform_version=Subquery(numbers.filter(scope=ContentVersion.PLATFORM)),
            )
            .get(domain=hostname)
        )
        domain.tenant.matched_domain = domain
        domain.tenant.content_versions = (domain.village_version or 0, domain.platform_version or 0)
        # The lookup has just set the search path to public; set_tenant(portal) need not set it again.
        connection.keep_search_path_once()
        return domain.tenant

    def process_request(self, request):
        if request.path == TLS_ASK_PATH:
            connection.set_schema_to_public()
            return tls_ask(request)  # asked by Caddy on any host, before a certificate exists
        response = super().process_request(request)
        if response is not None:
            return response
        village = request.tenant
        if village.status == Village.Status.SUSPENDED:
            connection.set_schema_to_public()
            return village_suspended(request, village)
        if village.status == Village.Status.ARCHIVED or village.kind == Village.Kind.TEMPLATE:
            connection.set_schema_to_public()
            return unknown_host(request)
        # django-tenants strips a leading "www." and the port before the lookup: a www. variant is
        # redirected like any other secondary name, so that one address serves the site.
        www_variant = request.get_host().split(":")[0].startswith("www.")
        if not village.matched_domain.is_primary or www_variant:
            primary = Domain.objects.filter(tenant=village, is_primary=True).first()
            if primary is not None:
                connection.set_schema_to_public()
                return HttpResponsePermanentRedirect(site_url(primary.domain) + request.get_full_path())
        return None
