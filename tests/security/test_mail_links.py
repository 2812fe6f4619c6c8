"""Links in mail sent for a village (password reset, Wagtail notifications) point at its own domain."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.admin.utils import get_admin_base_url

from villageweb.accounts.models import PasswordChangeRequired

from ..factories import in_village

pytestmark = pytest.mark.django_db


def test_password_reset_on_a_village_sends_no_mail_at_all(village_factory, client_for):
    """Village accounts have no e-mail of their own (issue 27 item 3): the page points to Diskominfo and
    no mail goes out, so none can carry a link to another host, whatever address an admin set."""
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        get_user_model().objects.filter(username="admin").update(email="sekdes@example.org")
        PasswordChangeRequired.objects.all().delete()
    response = client_for(jlodro.domain).post("/admin/password_reset/", {"email": "sekdes@example.org"})
    assert response.status_code == 200
    assert "Diskominfo" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_mail_of_the_portal_links_to_the_portal(platform, client_for):
    get_user_model().objects.create_user("diskominfo", email="tik@example.org", password="rahasia-123")
    assert (
        client_for("localhost").post("/admin/password_reset/", {"email": "tik@example.org"}).status_code
        == 302
    )
    (message,) = mail.outbox
    assert "http://localhost/admin/password_reset/confirm/" in message.body


def test_wagtail_notification_base_url_follows_the_village(village_factory):
    """Workflow and moderation mails build every link from get_admin_base_url()."""
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        assert str(get_admin_base_url()) == f"http://{jlodro.domain}"
    assert str(get_admin_base_url()) == "http://localhost"
