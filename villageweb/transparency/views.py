"""`/transparansi/` on every provider host (its own board) and on the portal (every provider ranked),
and `/api/v1/transparansi/`. No personal data: disclosures and counts only."""

import csv

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from tenants.models import Village
from villageweb.cases.services import providers
from villageweb.transparency.disclosures import disclosure_score, disclosures_refresh
from villageweb.transparency.ranking import RECORD_DAYS, SORTS, Row, provider_record, transparency_rows


def _is_portal() -> bool:
    return getattr(connection.tenant, "kind", "") == Village.Kind.PORTAL


@require_GET
@cache_control(max_age=300, public=True)
def transparency_board(request):
    if _is_portal():
        return _ranking(request)
    provider = connection.tenant
    items = disclosures_refresh(provider=provider)
    record = provider_record(provider)
    context = {"provider": provider, "items": items, "score": disclosure_score(items), "record": record}
    return TemplateResponse(request, "transparency/board.html", context)


def _ranking(request):
    districts = sorted(
        set(providers().exclude(district_code="").values_list("district_code", "district_name"))
    )
    district = request.GET.get("kecamatan", "")
    if district not in {code for code, _ in districts}:
        district = ""
    sort = request.GET.get("urut", "keterbukaan")
    if sort not in SORTS:
        sort = "keterbukaan"
    rows = transparency_rows(district=district, sort=sort)
    if request.GET.get("format") == "csv":
        return _csv(rows)
    context = {
        "rows": rows,
        "districts": districts,
        "district": district,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _) in SORTS.items()],
        "record_days": RECORD_DAYS,
    }
    return TemplateResponse(request, "transparency/ranking.html", context)


CSV_FIELDS = [
    "peringkat",
    "penyelenggara",
    "jenis",
    "kode",
    "kecamatan",
    "skor_keterbukaan",
    "tidak_ada",
    "kedaluwarsa",
    "diterima",
    "dijawab",
    "tepat_waktu",
    "persen_tepat_waktu",
    "median_hari",
    "terlambat",
]


def _csv(rows: list[Row]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="transparansi.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_FIELDS)
    for rank, row in enumerate(rows, start=1):
        writer.writerow(
            [
                rank,
                row.name,
                row.provider.kind,
                row.provider.code or "",
                row.provider.district_name,
                row.score,
                sum(item.state == "tidak_ada" for item in row.items),
                sum(item.state == "kedaluwarsa" for item in row.items),
                row.record.received,
                row.record.answered,
                row.record.answered_on_time,
                "" if row.record.on_time_percent is None else row.record.on_time_percent,
                "" if row.record.median_days is None else row.record.median_days,
                row.record.overdue,
            ]
        )
    return response


def _provider_out(row: Row) -> dict:
    base = row.provider.url or ""
    return {
        "code": row.provider.code or "",
        "name": row.name,
        "kind": row.provider.kind,
        "district": {"code": row.provider.district_code, "name": row.provider.district_name},
        "url": base,
        "disclosure_score": row.score,
        "disclosures": [
            {
                "key": item.key,
                "label": item.label,
                "state": item.state,
                "date": item.date,
                "url": (base + item.path) if item.path else None,
            }
            for item in row.items
        ],
        "cases": {
            "period_days": RECORD_DAYS,
            "received": row.record.received,
            "answered": row.record.answered,
            "answered_on_time": row.record.answered_on_time,
            "open": row.record.open,
            "overdue": row.record.overdue,
            "median_days": row.record.median_days,
        },
    }


@require_GET
@cache_control(max_age=300, public=True)
def transparency_api(request):
    """`/api/v1/transparansi/`: every provider on the portal, the provider itself on its own host."""
    if _is_portal():
        rows = transparency_rows(district=request.GET.get("kecamatan", "")[:8])
    else:
        provider = connection.tenant
        items = disclosures_refresh(provider=provider)
        rows = [
            Row(
                provider=provider,
                items=items,
                score=disclosure_score(items),
                record=provider_record(provider),
            )
        ]
    return JsonResponse(
        {"generated_at": timezone.now().isoformat(), "providers": [_provider_out(row) for row in rows]},
        json_dumps_params={"ensure_ascii": False},
    )
