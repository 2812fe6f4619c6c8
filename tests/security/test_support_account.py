"""The Diskominfo support account is not editable from the village admin (issue #26, item 10).

Before the fix the village's admin could give `dukungan-diskominfo` a password in Wagtail's user
form and log in as it, with no support grant and no audit entry, or take its rights away.
"""

import pytest
from django.contrib.auth import get_user_model

from villageweb.accounts.roles import SUPPORT_USERNAME

from ..factories import in_village, login_as

pytestmark = pytest.mark.django_db

PASSWORD = "Sandi-Dari-Admin-Desa-2026"


def test_village_admin_cannot_set_a_password_on_the_support_account_nor_take_its_rights(
    village_factory, client_for
):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        support = get_user_model().objects.create_user(
            username=SUPPORT_USERNAME, password=None, is_staff=True, is_superuser=True
        )
        # A village admin may make themselves superuser in their own village.
        get_user_model().objects.filter(username="admin").update(is_superuser=True)
    admin = login_as(client_for(jlodro.domain), jlodro)
    edit = f"/admin/users/edit/{support.pk}/"
    refused = admin.post(
        edit,
        {
            "username": SUPPORT_USERNAME,
            "email": "",
            "first_name": "Dukungan",
            "last_name": "Diskominfo",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "is_active": "on",
        },
        follow=True,
    )
    assert "akun dukungan Diskominfo: tidak dapat diubah" in refused.text
    deleted = admin.post(f"/admin/users/delete/{support.pk}/", follow=True)
    assert "akun dukungan Diskominfo" in deleted.text
    bulk = admin.post(f"/admin/bulk/auth/user/delete/?id={support.pk}", follow=True)
    assert "akun dukungan Diskominfo" in bulk.text
    with in_village(jlodro):
        support = get_user_model().objects.get(username=SUPPORT_USERNAME)
        assert not support.has_usable_password()
        assert support.is_superuser and support.is_staff and support.is_active
        # Whatever path saves it, no password sticks and its rights stay.
        support.set_password(PASSWORD)
        support.is_superuser = False
        support.save()
        support.refresh_from_db()
        assert not support.has_usable_password() and support.is_superuser

    guest = client_for(jlodro.domain)
    login = guest.post("/admin/login/", {"username": SUPPORT_USERNAME, "password": PASSWORD})
    assert login.status_code == 200  # the form again: no session
    assert guest.get("/admin/").status_code == 302
