"""The village list, the form that makes a village, and a village's page."""

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from wagtail.log_actions import LogContext

from provisioning.admin_views.access import diskominfo_only, operator_of
from provisioning.admin_views.forms import VillageCreateForm
from provisioning.jobs import operator
from provisioning.models import AuditEntry, VillageExport
from provisioning.schema_migrations import villages_pending
from provisioning.services import ProvisioningError, lifecycle, village_provision
from tenants.models import Domain, Village
from villageweb.media.quota import storage_usage


def districts():
    return (
        Village.objects.villages()
        .exclude(district_code="")
        .order_by("district_code")
        .values_list("district_code", "district_name")
        .distinct()
    )


def _primary_domains() -> dict[int, str]:
    return dict(Domain.objects.filter(is_primary=True).values_list("tenant_id", "domain"))


@diskominfo_only
def village_list(request):
    villages = Village.objects.villages().order_by("code")
    district = request.GET.get("kecamatan", "")
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    if district:
        villages = villages.filter(district_code=district)
    if status:
        villages = villages.filter(status=status)
    if query:
        villages = villages.filter(Q(name__icontains=query) | Q(code__icontains=query))
    domains = _primary_domains()
    rows = [(village, domains.get(village.pk)) for village in villages]
    return render(
        request,
        "provisioning/admin/village_list.html",
        {
            "rows": rows,
            "districts": districts(),
            "statuses": Village.Status.choices,
            "district": district,
            "status": status,
            "query": query,
            "migrate_job": operator.migrate_job_active(),
            "migrate_pending": len(villages_pending()),
        },
    )


@diskominfo_only
def village_create(request):
    form = VillageCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        off_list = data.get("off_list") or []
        try:
            # Wagtail's admin logs actions as the signed-in user, who lives in the public schema
            # and not in the new village's: log the village's first publication as the platform's.
            with LogContext(user=None):
                result = village_provision(
                    code=data["code"],
                    name=data["name"],
                    district_name=data["district_name"],
                    kind=data["kind"],
                    subdomain=data["subdomain"] or None,
                    off_list=off_list,
                    reason=data["override_reason"].strip() if off_list else "",
                    **operator_of(request),
                )
        except ProvisioningError as error:
            form.add_error(None, str(error))
        else:
            # Rendered, never redirected or stored: the password is shown this once.
            return render(request, "provisioning/admin/village_created.html", {"result": result})
    return render(request, "provisioning/admin/village_create.html", {"form": form})


@diskominfo_only
def village_detail(request, code):
    try:
        village = lifecycle.village_get(code=code)
    except lifecycle.LifecycleError as error:
        raise Http404 from error
    response = render(
        request,
        "provisioning/admin/village_detail.html",
        {
            "village": village,
            "domains": Domain.objects.filter(tenant=village).order_by("-is_primary", "domain"),
            "exports": VillageExport.objects.filter(code=village.code)[:10],
            "audit_entries": AuditEntry.objects.filter(village_code=village.code)[:50],
            "storage": storage_usage(village),
            "base_domain": settings.VILLAGEWEB_BASE_DOMAIN,
            "support_minutes": settings.VILLAGEWEB_SUPPORT_ACCESS_MINUTES,
        },
    )
    # "Masuk sebagai dukungan" posts here and is answered with a redirect to the village's host;
    # browsers hold every hop of a form's redirects to the page's form-action, so this page (only)
    # also allows the village's own origin there.
    if village.url:
        response._csp_update = {"form-action": [village.url]}
    return response
