"""Content-Security-Policy and Permissions-Policy on every answer (docs/security.md).

Two policies, both in settings: `CONTENT_SECURITY_POLICY` (django-csp's setting) for the public sites
and the portal, strict (scripts and styles from this origin only; the few inline `<style>` elements
are allowed one by one by their SHA-256, see `{% inline_style %}`), and
`VILLAGEWEB_ADMIN_CONTENT_SECURITY_POLICY` for the Wagtail admin, which still needs inline scripts
and styles (its widgets write `<script>initDateChooser(...)</script>`, inline panels, modal
choosers: wagtail/wagtail#1288).

The middleware is listed twice in MIDDLEWARE and sets each header only when the answer has none:
first (outermost), for the answers the tenant router gives itself (503 of a suspended village,
unknown host, redirects); and after the portal's page cache, so that a cached portal page keeps the
policy that matches its body (the hashes of its inline styles).
"""

import base64
import hashlib

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

PERMISSIONS_POLICY_HEADER = "Permissions-Policy"


def style_hash(content: str) -> str:
    digest = hashlib.sha256(content.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def inline_style_allow(request, content: str) -> None:
    """Allow one inline `<style>` element with exactly this content on the answer to `request`."""
    if request is None:
        return
    hashes = getattr(request, "_csp_style_hashes", None)
    if hashes is None:
        hashes = request._csp_style_hashes = []
    source = style_hash(content)
    if source not in hashes:
        hashes.append(source)


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.VILLAGEWEB_ADMIN_PATH_PREFIXES))


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if is_admin_path(request.path_info):
            if parts.config is None:
                parts.config = settings.VILLAGEWEB_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            # A nonce or a hash in a directive makes browsers ignore its 'unsafe-inline', which the
            # admin needs (a page preview renders the public templates inside /admin/).
            parts.nonce = None
            return parts
        hashes = getattr(request, "_csp_style_hashes", None)
        if hashes:
            update = dict(parts.update or {})
            update["style-src"] = [*hashes, *_as_list(update.get("style-src"))]
            parts.update = update
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if PERMISSIONS_POLICY_HEADER not in response and settings.VILLAGEWEB_PERMISSIONS_POLICY:
            response[PERMISSIONS_POLICY_HEADER] = ", ".join(
                f"{feature}=({' '.join(allowed)})"
                for feature, allowed in settings.VILLAGEWEB_PERMISSIONS_POLICY.items()
            )
        return response


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)
