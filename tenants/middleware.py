"""Routing a request to its village's schema, and closing the doors of villages that are not active."""

from django.db import connection
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.models import Village
from tenants.views import unknown_host, village_suspended


class VillageTenantMiddleware(TenantMainMiddleware):
    """django-tenants' host routing, plus: suspended villages answer 503, archived ones 404."""

    def process_request(self, request):
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
        return None
