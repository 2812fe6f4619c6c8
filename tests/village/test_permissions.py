"""Groups: Kontributor writes drafts for approval, Operator publishes, Admin Desa manages its users."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from villageweb.accounts.roles import GROUP_CONTRIBUTOR, GROUP_OPERATOR
from villageweb.village.models import LegalProduct

from ..factories import in_village, login_as

pytestmark = pytest.mark.django_db
PASSWORD = "Rahasia-Desa-2026"


def _user(village, username, group):
    with in_village(village):
        user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=False)
        user.groups.add(Group.objects.get(name=group))
        page = Page.objects.get(slug="sejarah").specific
    return user, page


def _edit(client, page, action):
    data = {
        "title": "Sejarah Desa",
        "slug": "sejarah",
        "intro": "Asal-usul desa",
        "body-count": "0",
        action: "1",
    }
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_contributor_cannot_publish_only_submit_for_moderation(village_factory, client_for):
    village = village_factory("Jlodro")
    user, page = _user(village, "warsito", GROUP_CONTRIBUTOR)
    client = login_as(client_for(village.domain), village, username="warsito", password=PASSWORD)
    editor = client.get(f"/admin/pages/{page.pk}/edit/")
    assert editor.status_code == 200
    assert 'name="action-publish"' not in editor.text
    assert 'name="action-submit"' in editor.text
    _edit(client, page, "action-publish")
    with in_village(village):
        page.refresh_from_db()
        assert page.intro == ""  # the live page is unchanged: publishing was not allowed
    _edit(client, page, "action-submit")
    with in_village(village):
        page.refresh_from_db()
        assert page.intro == ""  # still not live
        assert page.current_workflow_state is not None
        assert page.current_workflow_state.status == "in_progress"


def test_operator_can_publish(village_factory, client_for):
    village = village_factory("Jlodro")
    user, page = _user(village, "sumarni", GROUP_OPERATOR)
    client = login_as(client_for(village.domain), village, username="sumarni", password=PASSWORD)
    response = _edit(client, page, "action-publish")
    assert response.status_code == 302
    with in_village(village):
        page.refresh_from_db()
        assert page.intro == "Asal-usul desa"


def test_operator_manages_legal_products_but_not_users(village_factory, client_for):
    village = village_factory("Jlodro")
    _user(village, "sumarni", GROUP_OPERATOR)
    client = login_as(client_for(village.domain), village, username="sumarni", password=PASSWORD)
    response = client.post(
        "/admin/snippets/village/legalproduct/add/",
        {"kind": "perdes", "number": "1", "year": "2026", "title": "APBDes 2026"},
    )
    assert response.status_code == 302
    with in_village(village):
        assert LegalProduct.objects.filter(title="APBDes 2026").exists()
    assert client.get("/admin/users/").status_code == 302  # no permission: sent back to the dashboard


def test_village_admin_manages_users_of_its_own_village(village_factory, client_for):
    village = village_factory("Jlodro")
    other = village_factory("Wangi")
    _user(other, "orang-wangi", GROUP_OPERATOR)
    client = login_as(client_for(village.domain), village)
    users = client.get("/admin/users/")
    assert users.status_code == 200
    assert "orang-wangi" not in users.text
    response = client.post(
        "/admin/users/new/",
        {
            "username": "tri",
            "email": "tri@jlodro.desa.id",
            "first_name": "Tri",
            "last_name": "Handayani",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    with in_village(village):
        assert get_user_model().objects.filter(username="tri").exists()
    with in_village(other):
        assert not get_user_model().objects.filter(username="tri").exists()
