"""Send a user with a platform-issued password to the account page until they choose their own."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from villageweb.accounts.services import password_change_pending

# Whether the session's user still has an issued password. Once False it stays False for the
# session: a new issued password changes the password hash, which ends the session (Django checks
# the session's auth hash), so the next session starts unchecked. Saves a query per admin page.
SESSION_KEY = "villageweb_password_change_pending"
# The account page itself (where the password is changed, by POST), log-out, and what the account
# page loads (translations, the icon sprite). Every other admin URL is refused, whatever the method:
# a POST elsewhere (saving a page, adding a user) must not slip past the forced change.
EXEMPT_PREFIXES = ("/admin/account/", "/admin/logout/", "/admin/jsi18n/", "/admin/sprite")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and request.path.startswith("/admin/")
            and not request.path.startswith(EXEMPT_PREFIXES)
            and user.is_authenticated
            and self._pending(request, user)
        ):
            messages.warning(
                request,
                "Kata sandi Anda masih kata sandi sementara dari Diskominfo. "
                "Silakan ganti dengan kata sandi Anda sendiri sebelum melanjutkan.",
            )
            return redirect(reverse("wagtailadmin_account"))
        return self.get_response(request)

    @staticmethod
    def _pending(request, user) -> bool:
        if request.session.get(SESSION_KEY) is False:
            return False
        pending = password_change_pending(user)
        request.session[SESSION_KEY] = pending
        return pending
