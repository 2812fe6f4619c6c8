"""The page behind a setup link: the village's own operator chooses the admin's first password."""

from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from villageweb.accounts.services import setup_link_find, setup_link_use
from villageweb.accounts.throttle import attempt_failed, attempt_refused


def _link_problem(link) -> str | None:
    if link is None:
        return "unknown"
    if link.used_at is not None:
        return "used"
    if link.expires_at <= timezone.now():
        return "expired"
    return None


@never_cache
@sensitive_post_parameters()
def password_setup(request, token: str):
    # Guessing tokens is throttled per client address (each unknown token counts as a failure).
    credentials = {"username": f"setup-link:{token[:32]}"}
    refused = attempt_refused(request, credentials)
    if refused is not None:
        return refused
    link = setup_link_find(token=token)
    problem = _link_problem(link)
    if problem == "unknown":
        attempt_failed(request, credentials, sender=password_setup)
    if problem is None:
        form = SetPasswordForm(link.user, request.POST or None)
        if request.method == "POST" and form.is_valid():
            if setup_link_use(link=link, password=form.cleaned_data["new_password1"]):
                return render(request, "accounts/password_setup_done.html", {"username": link.user.username})
            link.refresh_from_db()
            problem = _link_problem(link)
        else:
            context = {"form": form, "username": link.user.username, "expires_at": link.expires_at}
            return render(request, "accounts/password_setup.html", context)
    status = 404 if problem == "unknown" else 410
    context = {"problem": problem, "link": link}
    return render(request, "accounts/password_setup_invalid.html", context, status=status)
