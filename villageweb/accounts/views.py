"""Where an operator chooses their own password: the setup link's page and the admin's change page."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from villageweb.accounts.middleware import SESSION_KEY
from villageweb.accounts.services import password_change_pending, setup_link_find, setup_link_use
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


@never_cache
@sensitive_post_parameters()
def password_change(request):
    """The admin's own "Ganti Kata Sandi" page: only the password, nothing else.

    Wagtail's account page saves every panel at once and its name-and-e-mail panel requires an
    e-mail address, so an operator without e-mail could never replace an issued password there.
    """
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        request.session[SESSION_KEY] = password_change_pending(user)
        messages.success(request, "Kata sandi Anda sudah diganti.")
        return redirect("wagtailadmin_home")
    pending = password_change_pending(request.user)
    request.session[SESSION_KEY] = pending  # the sidebar hides its menu while a change is due
    return render(request, "accounts/password_change.html", {"form": form, "pending": pending})
