"""Issuing passwords to users who have never chosen their own."""

from django.contrib.auth import get_user_model
from django.utils.crypto import get_random_string

from villageweb.accounts.models import PasswordChangeRequired

# No 0/O, 1/l/I: officials copy these from paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


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
