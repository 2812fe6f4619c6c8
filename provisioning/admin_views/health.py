"""The regency's health screen (activity, completeness, storage, log-in locks, transparency) and the
service catalogue's dashboard."""

import csv
import datetime

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from provisioning.activity import news_chart_svg, weekly_news_counts
from provisioning.admin_views.access import diskominfo_only
from provisioning.admin_views.forms import ReasonForm
from provisioning.admin_views.villages import districts
from provisioning.health import regency_health
from provisioning.lockouts import LockoutError, login_lockout_lift, login_lockouts_active
from villageweb.security.client_address import client_address
from villageweb.services import dashboard as services_dashboard
from villageweb.services.models import Application
from villageweb.transparency.ranking import transparency_rows


def _health_csv(health) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kesehatan-situs-desa.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 only with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [
            "kode",
            "nama",
            "kecamatan",
            "status",
            "suntingan terakhir",
            "terbit terakhir",
            "halaman",
            "berita 30 hari",
            "kelengkapan",
            "kelengkapan diukur",
            "penyimpanan (byte)",
            "tidak diperbarui 30 hari",
        ]
    )
    now = timezone.now()
    for row in health.rows:
        writer.writerow(
            [
                row.village.code,
                row.village.display_name,
                row.village.district_name,
                row.village.get_status_display(),
                timezone.localtime(row.last_edit).isoformat() if row.last_edit else "",
                timezone.localtime(row.last_publish).isoformat() if row.last_publish else "",
                row.pages,
                row.news_recent,
                "" if row.completeness is None else row.completeness,
                (
                    timezone.localtime(row.completeness_measured_at).isoformat()
                    if row.completeness_measured_at
                    else ""
                ),
                row.storage_bytes,
                "ya" if row.is_stale(now) else "tidak",
            ]
        )
    return response


# Sortable columns of the health table: ?urut=<key>, ?urut=-<key> for descending.
HEALTH_SORTS = {
    "desa": lambda row: row.village.name,
    "kecamatan": lambda row: (row.village.district_name, row.village.name),
    "sunting": lambda row: row.last_edit or _EPOCH,
    "terbit": lambda row: row.last_publish or _EPOCH,
    "halaman": lambda row: row.pages,
    "berita": lambda row: row.news_recent,
    "kelengkapan": lambda row: -1 if row.completeness is None else row.completeness,
    "penyimpanan": lambda row: row.storage_bytes,
}
_EPOCH = timezone.make_aware(datetime.datetime(1970, 1, 1))


def _health_rows(health, *, sort: str, silent_days: int | None):
    rows = health.rows
    if silent_days is not None:
        since = timezone.now() - datetime.timedelta(days=silent_days)
        rows = [row for row in rows if row.last_activity is None or row.last_activity < since]
    key = HEALTH_SORTS.get(sort.lstrip("-"))
    if key is not None:
        rows = sorted(rows, key=key, reverse=sort.startswith("-"))
    return rows


@diskominfo_only
def village_health(request):
    district = request.GET.get("kecamatan", "")
    sort = request.GET.get("urut", "")
    silent = request.GET.get("diam", "").strip()
    silent_days = int(silent) if silent.isdigit() else None
    health = regency_health(district_code=district or None)
    if request.GET.get("format") == "csv":
        return _health_csv(health)
    district_name = dict(districts()).get(district, "")
    chart_title = (
        f"Berita per pekan, {'Kecamatan ' + district_name if district_name else 'seluruh kabupaten'}"
    )
    query = request.GET.copy()
    query.pop("urut", None)
    return render(
        request,
        "provisioning/admin/village_health.html",
        {
            "health": health,
            "rows": _health_rows(health, sort=sort, silent_days=silent_days),
            "districts": districts(),
            "district": district,
            "now": timezone.now(),
            "sort": sort,
            "silent": silent,
            "silent_invalid": bool(silent) and silent_days is None,
            "query_without_sort": query.urlencode(),
            "columns": [
                ("desa", "Desa"),
                ("kecamatan", "Kecamatan"),
                ("sunting", "Suntingan terakhir"),
                ("terbit", "Terbit terakhir"),
                ("halaman", "Halaman"),
                ("berita", "Berita 30 hari"),
                ("kelengkapan", "Kelengkapan"),
                ("penyimpanan", "Penyimpanan"),
            ],
            "chart": mark_safe(news_chart_svg(weekly_news_counts(district_code=district), title=chart_title)),
            "lockouts": login_lockouts_active(),
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "transparency": transparency_rows(district=district),
        },
    )


@diskominfo_only
def login_lockout_lift_view(request, lockout_id: int):
    """POST only, with a reason: lift one log-in lock listed on the health page (audited)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return redirect("diskominfo_village_health")
    try:
        lockout = login_lockout_lift(
            lockout_id=lockout_id,
            actor=request.user.get_username(),
            address=client_address(request) or None,
            reason=form.cleaned_data["reason"],
        )
    except LockoutError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Kunci log-in {lockout.username} di {lockout.village.display_name} dibuka; "
            "tercatat di log tindakan.",
        )
    return redirect("diskominfo_village_health")


@diskominfo_only
def catalogue_dashboard(request):
    """Katalog layanan: per provider, its services' completeness, review date, links and feedback."""
    rows = services_dashboard.catalogue_dashboard()
    services = [service for row in rows for service in row.services]
    return render(
        request,
        "provisioning/admin/catalogue_dashboard.html",
        {
            "rows": rows,
            "attention": [service for service in services if service.needs_attention],
            "total": len(services),
            "applications": Application.objects.select_related("owner").order_by("name"),
        },
    )
