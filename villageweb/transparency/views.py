"""`/transparansi/` on every provider host (its own board) and on the portal (every provider ranked),
and `/api/v1/transparansi/`. No personal data: disclosures and counts only."""

import csv
import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from tenants.models import Village
from villageweb.cases.services import ResponseRecord, providers, response_records
from villageweb.transparency.disclosures import (
    Disclosure,
    disclosure_score,
    disclosures_refresh,
    snapshot_items,
)
from villageweb.transparency.models import DisclosureSnapshot

RECORD_DAYS = 365
SORTS = {
    "keterbukaan": ("Keterbukaan", lambda row: (-row.score, -(row.record.on_time_percent or -1), row.name)),
    "tepat_waktu": ("Tepat waktu", lambda row: (-(row.record.on_time_percent or -1), -row.score, row.name)),
    "diterima": ("Diterima", lambda row: (-row.record.received, row.name)),
    "median": (
        "Median hari",
        lambda row: (row.record.median_days if row.record.median_days is not None else 1e9, row.name),
    ),
    "nama": ("Nama", lambda row: (row.name,)),
}


@dataclass
class Row:
    provider: Village
    items: list[Disclosure]
    score: int
    record: ResponseRecord = field(default_factory=ResponseRecord)

    @property
    def name(self) -> str:
        return self.provider.display_name


def _since() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=RECORD_DAYS)


def _rows(*, district: str = "") -> list[Row]:
    chosen = providers()
    if district:
        chosen = chosen.filter(district_code=district)
    chosen = list(chosen)
    snapshots = {s.provider_id: s for s in DisclosureSnapshot.objects.filter(provider__in=chosen)}
    records = response_records(provider_ids=[p.pk for p in chosen], since=_since())
    rows = []
    for provider in chosen:
        snapshot = snapshots.get(provider.pk)
        rows.append(
            Row(
                provider=provider,
                items=snapshot_items(snapshot),
                score=snapshot.score if snapshot else 0,
                record=records.get(provider.pk, ResponseRecord()),
            )
        )
    return rows


def _is_portal() -> bool:
    return getattr(connection.tenant, "kind", "") == Village.Kind.PORTAL


@require_GET
@cache_control(max_age=300, public=True)
def transparency_board(request):
    if _is_portal():
        return _ranking(request)
    provider = connection.tenant
    items = disclosures_refresh(provider=provider)
    record = response_records(provider_ids=[provider.pk], since=_since()).get(provider.pk, ResponseRecord())
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
    rows = sorted(_rows(district=district), key=SORTS[sort][1])
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
        rows = _rows(district=request.GET.get("kecamatan", "")[:8])
    else:
        provider = connection.tenant
        items = disclosures_refresh(provider=provider)
        rows = [
            Row(
                provider=provider,
                items=items,
                score=disclosure_score(items),
                record=response_records(provider_ids=[provider.pk], since=_since()).get(
                    provider.pk, ResponseRecord()
                ),
            )
        ]
    return JsonResponse(
        {"generated_at": timezone.now().isoformat(), "providers": [_provider_out(row) for row in rows]},
        json_dumps_params={"ensure_ascii": False},
    )
