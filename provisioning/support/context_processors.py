"""The banner of a Diskominfo support session, on every page of the village admin."""

import math

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format
from django_tenants.utils import get_public_schema_name


def support_banner(request) -> dict:
    """While Diskominfo's staff work in a village's admin, say so on every page, and until when.

    The village's own admins may look over the staff's shoulder; the staff must never forget whose
    admin they are in. Only admin pages read the session: public pages stay session-free.
    """
    if not request.path.startswith("/admin/") or connection.schema_name == get_public_schema_name():
        return {}
    session = getattr(request, "session", None)
    if session is None or not session.get("support_staff"):
        return {}
    until = timezone.localtime(session.get_expiry_date())
    length = session.get("support_minutes") or settings.VILLAGEWEB_SUPPORT_ACCESS_MINUTES
    left = max(0, math.ceil((until - timezone.now()).total_seconds() / 60))
    return {
        "admin_banner": (
            f"Sesi dukungan Diskominfo (petugas {session['support_staff']}) di admin "
            f"{request.tenant.display_name}: {length} menit, berlaku sampai "
            f"{date_format(until, 'j F Y')} pukul {until:%H.%M} WIB (sisa {left} menit)."
        )
    }
