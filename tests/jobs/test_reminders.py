"""Reminders reach the village's admins and operators who want them, once a week; the monthly
summary reaches Diskominfo with its CSV."""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from provisioning.jobs import reminders
from tenants.models import Village
from villageweb.accounts.models import ReminderPreference
from villageweb.accounts.roles import GROUP_ADMIN, GROUP_CONTRIBUTOR, GROUP_OPERATOR

from ..factories import admin_client_for, command_run, in_village, make_news_page


def _user(username: str, group: str | None, *, email: str | None = None, active: bool = True):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@desa.id" if email is None else email, is_active=active
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _people() -> None:
    _user("kades", GROUP_ADMIN)
    _user("operator", GROUP_OPERATOR)
    _user("kontributor", GROUP_CONTRIBUTOR)
    _user("tanpa_email", GROUP_OPERATOR, email="")
    _user("pensiun", GROUP_ADMIN, active=False)
    _user("warga", None)
    quiet = _user("tidak_mau", GROUP_OPERATOR)
    ReminderPreference.objects.create(user=quiet, weekly_reminder=False)


def test_reminder_goes_to_admins_and_operators_only_once_a_week(village_factory, mailoutbox):
    jlodro = village_factory("Jlodro")
    village = Village.objects.get(code=jlodro.code)
    with in_village(jlodro):
        _people()
        assert reminders.village_reminders_send(village=village) == 2
        assert reminders.village_reminders_send(village=village) == 0  # same week: nothing again
    assert sorted(address for message in mailoutbox for address in message.to) == [
        "kades@desa.id",
        "operator@desa.id",
    ]
    message = mailoutbox[0]
    assert message.subject == "Pengingat situs Desa Jlodro"
    assert "belum pernah memuat berita" in message.body
    assert f"http://{jlodro.domain}/admin/pages/add/news/newspage/" in message.body
    assert "Perangkat desa" in message.body  # checklist items missing this year
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://{jlodro.domain}/admin/account/"' in html


def test_a_site_with_recent_news_is_reminded_only_of_its_checklist(village_factory, mailoutbox, settings):
    settings.VILLAGEWEB_REMINDER_QUIET_DAYS = 30
    jlodro = village_factory("Jlodro")
    village = Village.objects.get(code=jlodro.code)
    with in_village(jlodro):
        _user("kades", GROUP_ADMIN)
        make_news_page("Kerja bakti", date=timezone.localdate())
        reminder = reminders.village_reminder_build(village=village, today=timezone.localdate())
        assert reminder.quiet_days == 0
        assert not reminder.news_missing
        assert reminders.village_reminders_send(village=village) == 1
    assert "tidak ada berita" not in mailoutbox[0].body
    assert "Kelengkapan Situs yang belum terisi" in mailoutbox[0].body


def test_the_account_page_has_the_reminder_switch(village_factory):
    jlodro = village_factory("Jlodro")
    response = admin_client_for(jlodro).get("/admin/account/")
    assert response.status_code == 200
    assert "reminders-weekly_reminder" in response.content.decode()


def test_weekly_job_mails_each_village_once_however_often_it_runs(
    transactional_village_factory, job_queue, mailoutbox
):
    villages = [transactional_village_factory("Jlodro"), transactional_village_factory("Sugihwaras")]
    for result in villages:
        with in_village(result):
            _user(f"kades_{result.schema[-4:]}", GROUP_ADMIN)
    command_run("run_jobs", once=True)
    command_run("run_jobs", once=True)
    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        f"kades_{result.schema[-4:]}@desa.id" for result in villages
    )


def test_monthly_summary_reaches_diskominfo_with_the_csv(village_factory, mailoutbox, settings):
    settings.VILLAGEWEB_DISKOMINFO_EMAILS = ["kominfo@tubankab.go.id"]
    busy = village_factory("Jlodro", district_name="Jenu")
    village_factory("Sugihwaras", district_name="Jenu")
    with in_village(busy):
        make_news_page("Kerja bakti", date=timezone.localdate())
    assert reminders.regency_summary_send()
    (message,) = mailoutbox
    assert message.to == ["kominfo@tubankab.go.id"]
    assert "Kecamatan Jenu: aktif 1, mulai sepi 0, diam 1" in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/csv"
    rows = {row["desa"]: row["status"] for row in csv.DictReader(io.StringIO(content))}
    assert rows == {"Desa Jlodro": "aktif", "Desa Sugihwaras": "diam"}


def test_no_summary_without_an_address(db, mailoutbox, settings):
    settings.VILLAGEWEB_DISKOMINFO_EMAILS = []
    assert not reminders.regency_summary_send()
    assert mailoutbox == []
