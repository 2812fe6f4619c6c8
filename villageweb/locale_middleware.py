"""The language of every response: Bahasa Indonesia, whatever the browser asks.

Django's LocaleMiddleware follows the browser's Accept-Language, so a phone set to English got English
dates ("Tuesday, 8 December 2026"), English form errors and `Content-Language: en` on village and
portal pages. Citizens always read Indonesian; in the admin an editor gets English only by choosing it
in their own Wagtail account settings (Akun → Preferensi), never from the browser.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile

ADMIN_PREFIX = "/admin/"


def _admin_language(request: HttpRequest) -> str | None:
    """The language the logged-in editor chose in their account, if any (None: the default)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    chosen = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    return chosen if chosen in dict(get_available_admin_languages()) else None


class IndonesianLocaleMiddleware:
    """Replaces django.middleware.locale.LocaleMiddleware; sits after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = settings.LANGUAGE_CODE
        if request.path_info.startswith(ADMIN_PREFIX):
            language = _admin_language(request) or language
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
