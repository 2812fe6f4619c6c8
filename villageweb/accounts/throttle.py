"""Password guessing is throttled on every log-in form, by django-axes, made tenant-aware.

Axes' tables are in every schema (axes is in SHARED_APPS and TENANT_APPS), so a village's attempts
are counted in that village's schema. Two counters lock: the (username, address) pair, so guessing
"admin" from one place locks only that place, never the owner on their own phone; and the address,
so one place cannot try many usernames. The address comes from `villageweb.security.client_address` (the
trusted-proxy setting). A success clears only its own pair (`attempts_reset_on_login`). Django's
`authenticate()` feeds axes on the admin log-in of villages and the portal; the forms that do not
authenticate (the setup link, Wagtail's password reset) are fed here by `LoginThrottleMiddleware`
and `attempt_refused` / `attempt_failed`. The lock lasts `AXES_COOLOFF_TIME` (minutes); Diskominfo sees
locked accounts on the health page and can lift one (provisioning/lockouts.py, docs/security.md).
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render

from villageweb.security.client_address import client_address

MESSAGE_LOCKED = (
    "Terlalu banyak percobaan masuk yang gagal dari akun atau jaringan ini. Demi keamanan, silakan "
    "coba lagi {minutes} menit lagi."
)
# Wagtail's password-reset views (URL names): each request for a reset mail counts as an attempt for
# the address typed, and an invalid reset link counts against the client's address.
PASSWORD_RESET_REQUEST = "wagtailadmin_password_reset"
PASSWORD_RESET_CONFIRM = "wagtailadmin_password_reset_confirm"


def _cooloff_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_response(request, original_response=None, credentials=None):
    """axes' AXES_LOCKOUT_CALLABLE: an Indonesian page, HTTP 429 with Retry-After."""
    minutes = _cooloff_minutes()
    response = render(
        request, "accounts/locked_out.html", {"message": MESSAGE_LOCKED.format(minutes=minutes)}, status=429
    )
    response["Retry-After"] = str(minutes * 60)
    return response


def attempt_refused(request, credentials: dict):
    """The lock-out page when these credentials (or this address) are locked, else None."""
    if AxesProxyHandler.is_locked(request, credentials):
        return lockout_response(request, None, credentials)
    return None


def attempt_failed(request, credentials: dict, *, sender) -> None:
    """Record a failed attempt, exactly as a failed authenticate() would."""
    user_login_failed.send(sender=sender, credentials=credentials, request=request)


class LoginThrottleMiddleware:
    """Puts Wagtail's password-reset forms under the same throttle as the log-in form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.url_name if match else None
        if name == PASSWORD_RESET_REQUEST and request.method == "POST":
            credentials = {"username": request.POST.get("email", "").strip().lower()[:254]}
            refused = attempt_refused(request, credentials)
            if refused is not None:
                return refused
            attempt_failed(request, credentials, sender=LoginThrottleMiddleware)
        elif name == PASSWORD_RESET_CONFIRM:
            credentials = {"username": f"reset-link:{view_kwargs.get('uidb64', '')}"}
            refused = attempt_refused(request, credentials)
            if refused is not None:
                return refused
            response = view_func(request, *view_args, **view_kwargs)
            context = getattr(response, "context_data", None) or {}
            if context.get("validlink") is False:
                attempt_failed(request, credentials, sender=LoginThrottleMiddleware)
            return response
        return None


def attempts_reset_on_login(sender, request, user, **kwargs) -> None:
    """A successful log-in clears the failures of its own (username, address) pair only: another
    account's success from the same address (an office, a shared mobile network) never wipes the
    failures counted against someone else's account or against the address."""
    if request is None:
        return
    AccessAttempt.objects.filter(username=user.get_username(), ip_address=client_address(request)).delete()
