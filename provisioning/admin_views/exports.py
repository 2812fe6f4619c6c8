"""A village's archives: where the admin writes them, and their audited download."""

import secrets
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils import timezone

from provisioning.admin_views.access import diskominfo_only, operator_of
from provisioning.services import lifecycle
from provisioning.services.archive import village_export_download


def _export_root() -> Path:
    """VILLAGEWEB_EXPORT_ROOT, created private to the platform's user (archives hold password hashes)."""
    root = Path(settings.VILLAGEWEB_EXPORT_ROOT)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def export_path(code: str) -> Path:
    """A name nobody can guess: the code and time for people, a random token against enumeration."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return _export_root() / f"{code}-{stamp}-{secrets.token_urlsafe(16)}.tar.gz"


def export_response(*, code: str, export_id: int, request) -> FileResponse:
    try:
        path = village_export_download(code=code, export_id=export_id, **operator_of(request))
    except lifecycle.LifecycleError as error:
        raise Http404 from error
    return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name)


@diskominfo_only
def export_download(request, code, export_id):
    """Download an earlier export of the village again (Diskominfo staff only, audited)."""
    return export_response(code=code, export_id=export_id, request=request)
