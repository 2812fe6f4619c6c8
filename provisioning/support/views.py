"""The village side of Diskominfo's support log-in, and the audit the village's admins read."""

from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django_tenants.utils import get_public_schema_name

from provisioning.audit import audit_entries_for_village
from provisioning.support.models import SupportAccessLog
from provisioning.support.services import SupportAccessError, regency_contact, support_grant_redeem
from villageweb.accounts.roles import is_village_admin


@never_cache
def support_login(request):
    if connection.schema_name == get_public_schema_name():
        raise Http404
    try:
        user, grant = support_grant_redeem(token=request.GET.get("token", ""), village=request.tenant)
    except SupportAccessError as error:
        return render(request, "support/refused.html", {"reason": str(error)}, status=403)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session["support_grant"] = str(grant.id)
    request.session["support_staff"] = grant.staff_username
    request.session.set_expiry(grant.expires_at)
    # How long the grant was issued for, for the banner ("30 menit, ... sisa 12 menit").
    request.session["support_minutes"] = round((grant.expires_at - grant.created_at).total_seconds() / 60)
    return redirect("wagtailadmin_home")


def support_access_report(request):
    """Akses Dukungan Diskominfo: who from Diskominfo entered this village's admin, when, until when."""
    if connection.schema_name == get_public_schema_name():
        raise Http404
    if not is_village_admin(request.user):
        raise PermissionDenied
    return render(
        request,
        "support/access_report.html",
        {"entries": SupportAccessLog.objects.all()[:200]},
    )


def village_audit_report(request):
    """Log Tindakan Diskominfo: what operators did to this village, for the village's own admins.

    A village-side screen, so it lives in this village-only app (tenants/isolation.py keeps the
    public-only provisioning app's screens off village hosts); it reads the public audit table
    through provisioning.audit's one narrow query."""
    if not is_village_admin(request.user):
        raise PermissionDenied
    entries = audit_entries_for_village(code=request.tenant.code)
    return render(request, "provisioning/admin/village_audit_report.html", {"entries": entries})


@never_cache
def password_help(request):
    """ "Lupa kata sandi?" on a village host. Village accounts have no e-mail, so no reset mail is
    sent (Wagtail's form would say one was): the page says to ask Diskominfo, by the WhatsApp number
    and office hours of the regency portal's own contact settings, for a set-up link."""
    if connection.schema_name == get_public_schema_name():
        raise Http404
    context = regency_contact(village_name=request.tenant.display_name)
    return render(request, "support/password_help.html", context)
