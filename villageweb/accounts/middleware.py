"""Send a user with a platform-issued password to the account page until they choose their own."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from villageweb.accounts.services import password_change_pending


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path.startswith("/admin/")
            and request.method == "GET"
            and not request.path.startswith(("/admin/account/", "/admin/logout/", "/admin/jsi18n/"))
            and password_change_pending(user)
        ):
            messages.warning(
                request,
                "Kata sandi Anda masih kata sandi sementara dari Diskominfo. "
                "Silakan ganti dengan kata sandi Anda sendiri sebelum melanjutkan.",
            )
            return redirect(reverse("wagtailadmin_account"))
        return self.get_response(request)
