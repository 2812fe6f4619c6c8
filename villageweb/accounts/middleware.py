"""Send a user with a platform-issued password to the password-change page until they choose their own."""

from django.shortcuts import redirect
from django.urls import reverse

from villageweb.accounts.services import password_change_pending

# Whether the session's user still has an issued password. Once False it stays False for the
# session: a new issued password changes the password hash, which ends the session (Django checks
# the session's auth hash), so the next session starts unchecked. Saves a query per admin page.
SESSION_KEY = "villageweb_password_change_pending"
# The password-change page (GET and its POST), the account page (language), log-out, and what an
# admin page loads by script (translations, the icon sprite `/admin/sprite/?h=...`: redirected, the
# change page's HTML would be injected into the page a second time). Every other admin URL is
# refused, whatever the method: a POST elsewhere (saving a page, adding a user) must not slip past.
EXEMPT_PREFIXES = (
    "/admin/ganti-kata-sandi/",
    "/admin/account/",
    "/admin/logout/",
    "/admin/jsi18n/",
    "/admin/sprite/",
)


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
            # No flash message: the change page says why itself, and a message per refused request
            # would pile up on it.
            return redirect(reverse("accounts_password_change"))
        return self.get_response(request)

    @staticmethod
    def _pending(request, user) -> bool:
        if request.session.get(SESSION_KEY) is False:
            return False
        pending = password_change_pending(user)
        request.session[SESSION_KEY] = pending
        return pending
