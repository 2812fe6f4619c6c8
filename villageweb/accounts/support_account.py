"""The Diskominfo support account is not the village's to change (issue #26, item 10).

Every village has `dukungan-diskominfo`, a superuser that Diskominfo staff enter only through a
signed, single-use support grant, recorded in the village's audit (provisioning/support). A village
admin (who may make themselves superuser) could set it a password and log in as it with no grant or
audit entry, or take its rights away. So:

- whatever path saves it (the admin's user form, a bulk action, the shell), the account keeps no
  usable password and stays an active superuser and staff member (`_support_account_pre_save`);
- the village admin's edit, delete and bulk actions on it are refused with a message
  (`before_edit_user`, `before_delete_user`, `before_bulk_action` hooks).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.shortcuts import redirect
from wagtail import hooks

from villageweb.accounts.roles import SUPPORT_USERNAME

REFUSAL = (
    f"Akun '{SUPPORT_USERNAME}' adalah akun dukungan Diskominfo: tidak dapat diubah atau dihapus dari "
    "admin desa. Diskominfo masuk hanya lewat izin akses dukungan, yang tercatat di "
    "'Akses Dukungan Diskominfo'."
)


def _support_account_pre_save(sender, instance, **kwargs):
    if instance.get_username() != SUPPORT_USERNAME:
        return
    if instance.has_usable_password():
        instance.set_unusable_password()
    instance.is_active = instance.is_staff = instance.is_superuser = True


def receivers_connect() -> None:
    pre_save.connect(_support_account_pre_save, sender=get_user_model(), dispatch_uid="support_account_guard")


def _refused(request):
    messages.error(request, REFUSAL)
    return redirect("wagtailusers_users:index")


@hooks.register("before_edit_user")
def _support_account_edit_refuse(request, user):
    if user.get_username() == SUPPORT_USERNAME:
        return _refused(request)
    return None


@hooks.register("before_delete_user")
def _support_account_delete_refuse(request, user):
    if user.get_username() == SUPPORT_USERNAME:
        return _refused(request)
    return None


@hooks.register("before_bulk_action")
def _support_account_bulk_refuse(request, action_type, objects, action_class_instance):
    user_model = get_user_model()
    if any(isinstance(obj, user_model) and obj.get_username() == SUPPORT_USERNAME for obj in objects):
        return _refused(request)
    return None
