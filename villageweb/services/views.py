"""The portal's catalogue (/layanan/ with search and filters), its exports, and the feedback a
start page sends ("Apakah halaman ini membantu?")."""

import csv
import hashlib

from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_tenants.utils import get_public_schema_name

from villageweb.freshness.portal_cache import request_versions
from villageweb.portal.federation.queries import village_roster
from villageweb.portal.federation.services import current_village
from villageweb.query_params import query_int, query_text
from villageweb.security.client_address import client_address
from villageweb.services import queries, shapes
from villageweb.services.models import CatalogueService
from villageweb.services.services import feedback_record
from villageweb.village.models.public_services import LIFE_EVENT_LABELS

# At most one answer per visitor and service a day, and this many answers per visitor an hour.
FEEDBACK_PER_HOUR = 20


def _portal_only(request) -> None:
    if connection.schema_name != get_public_schema_name():
        raise Http404


def _filters(request) -> dict:
    # The same names as the API's: the front cache keeps `event` and `provider` on /layanan/
    # (deploy/varnish/villageweb.vcl) and drops parameters no page reads.
    event = query_text(request, "event")
    return {
        "query": query_text(request, "q"),
        "event": event if event in LIFE_EVENT_LABELS else "",
        "provider_code": query_text(request, "provider")[:13],
    }


@require_GET
def catalogue(request):
    """/layanan/: search ("akta kelahiran"), browse by life event and by provider."""
    _portal_only(request)
    roster = village_roster(request_versions(request))
    filters = _filters(request)
    services = queries.catalogue_services(**filters, roster=roster)
    number = query_int(request, "halaman", default=1, minimum=1, maximum=10_000)
    listing = queries.catalogue_page(services, number=number, roster=roster)
    providers = queries.providers_with_services(roster)
    chosen = next((p for p in providers if p.code == filters["provider_code"]), None)
    params = request.GET.copy()
    params.pop("halaman", None)
    return render(
        request,
        "services/catalogue.html",
        {
            "listing": listing,
            "filters": filters,
            "life_events": queries.life_events(),
            "event_label": LIFE_EVENT_LABELS.get(filters["event"], ""),
            "providers": providers,
            "chosen_provider": chosen,
            "page_query": params.urlencode(),
            "searching": any(filters.values()),
        },
    )


def _all_services(request):
    roster = village_roster(request_versions(request))
    services = queries.catalogue_services(roster=roster).select_related(None)
    return [
        queries.service_decorate(service, roster) for service in services if service.provider_id in roster
    ]


@require_GET
def export_cpsv(request):
    """The whole catalogue as CPSV-AP JSON-LD (docs/services.md)."""
    _portal_only(request)
    document = shapes.cpsv_document(_all_services(request))
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response


@require_GET
def export_csv(request):
    """The whole catalogue as CSV, one service per row, for the national public-service registry."""
    _portal_only(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="katalog-layanan.csv"'
    response.write("\ufeff")  # spreadsheets then read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(shapes.CSV_COLUMNS)
    for service in _all_services(request):
        writer.writerow(shapes.csv_row(service))
    return response


def _throttled(request, service_id: int) -> bool:
    visitor = hashlib.sha256(f"{client_address(request)}".encode()).hexdigest()[:32]
    hour_key = f"layanan-feedback-hour:{visitor}"
    once_key = f"layanan-feedback:{visitor}:{service_id}"
    if cache.get(once_key):
        return True
    count = cache.get_or_set(hour_key, 0, 3600)
    if count >= FEEDBACK_PER_HOUR:
        return True
    cache.set(once_key, 1, 24 * 3600)
    try:
        cache.incr(hour_key)
    except ValueError:
        cache.set(hour_key, 1, 3600)
    return False


@csrf_exempt  # cached start pages carry no token; an answer changes nothing but a count, and is throttled
@require_POST
def feedback(request, page_id: int | None = None, template_id: int | None = None):
    """One answer from a provider's start page (a service page, or a regency service on a village's
    site); answered with a small page, no script needed."""
    provider = current_village()
    service = None
    if provider is not None:
        rows = CatalogueService.objects.filter(provider=provider)
        if template_id is not None:
            service = rows.filter(template_id=template_id).first()
        else:
            service = rows.filter(source_page_id=page_id).first()
    answer = request.POST.get("membantu", "")
    if service is None:
        raise Http404
    if answer not in ("ya", "tidak"):
        return render(
            request, "services/feedback_thanks.html", {"problem": True, "service": service}, status=400
        )
    throttled = _throttled(request, service.pk)
    if not throttled:
        feedback_record(service=service, helpful=answer == "ya")
    response = render(
        request, "services/feedback_thanks.html", {"service": service, "helpful": answer == "ya"}
    )
    response["Cache-Control"] = "private, no-store"
    return response
