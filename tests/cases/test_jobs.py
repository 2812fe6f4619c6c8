"""The daily chores: reminders before a deadline (once per deadline) and erasing personal data after
the retention period."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from villageweb.cases.models import Case, NoticeAddress
from villageweb.cases.services import Submission, case_create, cases_remind, personal_data_erase

from ..factories import village_of

pytestmark = pytest.mark.django_db

SUBMISSION = Submission(
    kind="pengaduan",
    category="lainnya",
    subject="Got mampet",
    message="Got di RT 1 mampet.",
    name="Sri Lestari",
    phone="081234567890",
    email="sri@example.id",
)


def test_reminder_goes_to_the_provider_once_per_deadline(village_factory):
    jlodro = village_factory("Jlodro")
    NoticeAddress.objects.create(
        provider=village_of(jlodro),
        email="sekdes@jlodro.desa.id",
        added_by="admin",
        verified_at=timezone.now(),
    )
    NoticeAddress.objects.create(provider=village_of(jlodro), email="belum@example.id", added_by="admin")
    case = case_create(provider=village_of(jlodro), submission=SUBMISSION)
    far = case_create(provider=village_of(jlodro), submission=SUBMISSION)
    Case.objects.filter(pk=case.pk).update(due_on=timezone.localdate() + datetime.timedelta(days=1))
    mail.outbox.clear()
    assert cases_remind() == 1
    assert mail.outbox[-1].to == ["sekdes@jlodro.desa.id"] and case.code in mail.outbox[-1].body
    assert far.code not in mail.outbox[-1].body
    assert cases_remind() == 0


def test_personal_data_is_erased_after_the_retention_period_and_statistics_stay(village_factory, settings):
    settings.VILLAGEWEB_CASE_RETENTION_DAYS = 365
    jlodro = village_factory("Jlodro")
    old = case_create(provider=village_of(jlodro), submission=SUBMISSION)
    recent = case_create(provider=village_of(jlodro), submission=SUBMISSION)
    now = timezone.now()
    Case.objects.filter(pk=old.pk).update(status="selesai", closed_at=now - datetime.timedelta(days=400))
    Case.objects.filter(pk=recent.pk).update(status="selesai", closed_at=now - datetime.timedelta(days=10))
    assert personal_data_erase() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.phone, old.email) == ("", "", "") and "mampet" not in old.message
    assert old.code and old.status == "selesai" and old.personal_data_erased_at is not None
    assert recent.name == "Sri Lestari"
    assert personal_data_erase() == 0
