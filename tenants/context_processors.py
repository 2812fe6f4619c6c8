from django.conf import settings


def village(request):
    """The village (or the portal) that owns this request's host, and the regency's name."""
    return {
        "current_village": getattr(request, "tenant", None),
        "regency_name": settings.VILLAGEWEB_REGENCY_NAME,
    }
