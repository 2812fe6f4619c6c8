"""Issuing passwords, or links to set one, to users who have never chosen their own; naming their
permissions in Indonesian."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import get_random_string

from villageweb.accounts.models import PasswordChangeRequired, SetupLink

# No 0/O, 1/l/I: officials copy these from paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SETUP_LINK_VALIDITY = timedelta(days=14)
SETUP_LINK_PATH = "/akun/atur-kata-sandi/"


def password_generate() -> str:
    return get_random_string(14, allowed_chars=PASSWORD_ALPHABET)


def one_time_password_issue(*, user) -> str:
    """Give `user` a fresh random password that must be changed at the next log-in."""
    password = password_generate()
    user.set_password(password)
    user.save(update_fields=["password"])
    PasswordChangeRequired.objects.update_or_create(
        user=user, defaults={"issued_password_hash": user.password}
    )
    return password


def password_change_pending(user) -> bool:
    flag = PasswordChangeRequired.objects.filter(user_id=user.pk).first()
    if flag is None:
        return False
    if flag.issued_password_hash != get_user_model().objects.get(pk=user.pk).password:
        flag.delete()
        return False
    return True


@dataclass(frozen=True)
class IssuedSetupLink:
    url: str
    expires_at: datetime


def _token_hash(token: str) -> str:
    # The token carries 256 random bits, so a fast hash is enough (unlike a password).
    return hashlib.sha256(token.encode()).hexdigest()


def setup_link_issue(*, user, site_url: str) -> IssuedSetupLink:
    """A link on `site_url` (the user's own site, no trailing slash) where `user` sets a password.

    Valid for 14 days and usable once; earlier unused links of the user stop working.
    """
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + SETUP_LINK_VALIDITY
    SetupLink.objects.filter(user=user, used_at__isnull=True).update(expires_at=timezone.now())
    SetupLink.objects.create(user=user, token_hash=_token_hash(token), expires_at=expires_at)
    return IssuedSetupLink(url=f"{site_url}{SETUP_LINK_PATH}{token}/", expires_at=expires_at)


def setup_link_find(*, token: str) -> SetupLink | None:
    return SetupLink.objects.select_related("user").filter(token_hash=_token_hash(token)).first()


def setup_link_use(*, link: SetupLink, password: str) -> bool:
    """Set the user's password through `link`; False when the link was used or expired meanwhile."""
    with transaction.atomic():
        link = SetupLink.objects.select_for_update().select_related("user").get(pk=link.pk)
        if link.used_at is not None or link.expires_at <= timezone.now():
            return False
        link.user.set_password(password)
        link.user.save(update_fields=["password"])
        PasswordChangeRequired.objects.filter(user=link.user).delete()
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
    return True


# How Django words model permissions ("Can add page"; Wagtail adds "Can choose image"), in Indonesian.
MODEL_PERMISSION_VERBS = {
    "add": "menambah",
    "change": "mengubah",
    "delete": "menghapus",
    "view": "melihat",
    "choose": "memilih",
}


@transaction.atomic
def permission_names_translate() -> int:
    """Give the current schema's permissions Indonesian names; returns how many changed.

    Django stores permission names in English when it migrates ("Can add page") and Wagtail's
    group screens print them as stored, so no catalogue reaches them. Idempotent.
    """
    changed = 0
    with translation.override(settings.LANGUAGE_CODE):
        for permission in Permission.objects.select_related("content_type"):
            name = _permission_name_indonesian(permission)[:255]
            if name != permission.name:
                permission.name = name
                permission.save(update_fields=["name"])
                changed += 1
    return changed


def _permission_name_indonesian(permission: Permission) -> str:
    action, _, model_name = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if model is not None and action in MODEL_PERMISSION_VERBS and model_name == model._meta.model_name:
        return f"Dapat {MODEL_PERMISSION_VERBS[action]} {model._meta.verbose_name}"
    return str(translation.gettext(permission.name))
