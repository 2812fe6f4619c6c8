"""Who may use Diskominfo's pages, and who acts in them.

Registered for every admin (Wagtail's URL conf is shared), but every view answers 404 outside the
portal's public schema and 403 to anyone who is not Diskominfo staff, so a village admin never
reaches them, not even by typing the address on a village host.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django_tenants.utils import get_public_schema_name

from villageweb.security.client_address import client_address

DISKOMINFO_GROUP = "Diskominfo"


def is_diskominfo_staff(user) -> bool:
    if connection.schema_name != get_public_schema_name():
        return False
    return user.is_active and (user.is_superuser or user.groups.filter(name=DISKOMINFO_GROUP).exists())


def diskominfo_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if connection.schema_name != get_public_schema_name():
            raise Http404
        if not is_diskominfo_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def operator_of(request) -> dict:
    """Who acts and from where: with the reason, what every lifecycle service audits."""
    return {"actor": request.user.get_username(), "address": client_address(request) or None}
