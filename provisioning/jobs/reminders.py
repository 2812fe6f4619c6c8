"""E-mails that bring editors back: the weekly reminder to a village's admins and operators, and the
monthly activity summary to Diskominfo.

A reminder is recorded (ReminderSent) in the same transaction that sends it, so a job retried after
a crash does not mail the same person twice in one week.
"""

import csv
import datetime
import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from provisioning.jobs.models import ReminderSent
from tenants.models import Village, site_url
from villageweb.accounts.roles import GROUP_ADMIN, GROUP_OPERATOR
from villageweb.health.completeness import site_completeness
from villageweb.news.models import NewsIndexPage, NewsPage
from villageweb.portal.federation.queries import village_directory
from villageweb.services.services import services_to_review

logger = logging.getLogger(__name__)

# Checklist items a reminder names besides the news itself (its own condition, with N days).
CHECKLIST_KEYS = ("visi_misi", "sejarah", "perangkat", "apbdes", "kontak")


@dataclass(frozen=True)
class ReminderLink:
    label: str
    hint: str
    url: str


@dataclass(frozen=True)
class VillageReminder:
    village_name: str
    site: str
    quiet_days: int | None  # days since the latest news; None: never
    news_missing: bool
    news_url: str
    missing: list[ReminderLink]

    @property
    def needed(self) -> bool:
        return self.news_missing or bool(self.missing)


def week_of(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _admin_url(base: str, page_id: int | None, edit_url: str) -> str:
    if page_id:
        return f"{base}/admin/pages/{page_id}/edit/"
    return f"{base}{edit_url or '/admin/'}"


def village_reminder_build(*, village: Village, today: datetime.date) -> VillageReminder:
    """What the current schema's site lacks: news within N days, and the checklist items."""
    base = site_url(village.primary_domain) if village.primary_domain else ""
    quiet_after = settings.VILLAGEWEB_REMINDER_QUIET_DAYS
    latest = NewsPage.objects.live().filter(date__lte=today).aggregate(latest=Max("date"))["latest"]
    quiet_days = (today - latest).days if latest else None
    index = NewsIndexPage.objects.live().first()
    news_url = f"{base}/admin/pages/add/news/newspage/{index.pk}/" if index else f"{base}/admin/"
    completeness = site_completeness(today=today)
    missing = [
        ReminderLink(item.label, item.hint, _admin_url(base, item.page_id, item.edit_url))
        for item in completeness.items
        if item.key in CHECKLIST_KEYS and not item.done
    ]
    missing += [
        ReminderLink(
            f"Tinjau layanan \u201c{page.title}\u201d",
            "Belum ditinjau lebih dari 12 bulan: periksa isinya, lalu perbarui tanggal terakhir ditinjau.",
            _admin_url(base, page.pk, ""),
        )
        for page in services_to_review(today=today)
    ]
    return VillageReminder(
        village_name=village.display_name,
        site=base,
        quiet_days=quiet_days,
        news_missing=quiet_days is None or quiet_days >= quiet_after,
        news_url=news_url,
        missing=missing,
    )


def reminder_recipients():
    """Active admins and operators with an address who have not turned reminders off."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[GROUP_ADMIN, GROUP_OPERATOR])
        .exclude(email="")
        .exclude(reminder_preference__weekly_reminder=False)
        .distinct()
        .order_by("pk")
    )
    return list(users)


def _reminder_message(reminder: VillageReminder, user) -> EmailMultiAlternatives:
    context = {
        "reminder": reminder,
        "user": user,
        "quiet_after": settings.VILLAGEWEB_REMINDER_QUIET_DAYS,
        "account_url": f"{reminder.site}/admin/account/",
    }
    message = EmailMultiAlternatives(
        subject=f"Pengingat situs {reminder.village_name}",
        body=render_to_string("jobs/reminder_email.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string("jobs/reminder_email.html", context), "text/html")
    return message


def village_reminders_send(*, village: Village, today: datetime.date | None = None) -> int:
    """Mail this week's reminder to each recipient of the current schema's village; returns how
    many were sent now (none for a site that lacks nothing, none twice in one ISO week)."""
    today = today or timezone.localdate()
    reminder = village_reminder_build(village=village, today=today)
    if not reminder.needed:
        return 0
    week = week_of(today)
    sent = 0
    for user in reminder_recipients():
        try:
            # The public table is on the village's search path; the row commits with the send.
            with transaction.atomic():
                ReminderSent.objects.create(village_code=village.code, user_id=user.pk, week=week)
                _reminder_message(reminder, user).send()
        except IntegrityError:
            continue  # already sent this week
        sent += 1
    return sent


# --- Monthly summary to Diskominfo ---------------------------------------------------------------

ACTIVE, QUIET, SILENT = "aktif", "sepi", "diam"
STATUS_LABELS = {ACTIVE: "aktif", QUIET: "mulai sepi", SILENT: "diam"}


def activity_of(last_news: datetime.date | None, today: datetime.date) -> str:
    """Active: news within 30 days; going quiet: within 90; silent: none for 90 days or never."""
    if last_news is None or (today - last_news).days > 90:
        return SILENT
    return ACTIVE if (today - last_news).days <= 30 else QUIET


def regency_summary_send(*, today: datetime.date | None = None) -> bool:
    """Mail the per-kecamatan activity summary with the CSV of every village to
    VILLAGEWEB_DISKOMINFO_EMAILS; False when no address is set. Reads the portal index: the
    same two queries for 3 or 328 villages."""
    today = today or timezone.localdate()
    recipients = list(settings.VILLAGEWEB_DISKOMINFO_EMAILS)
    if not recipients:
        return False
    connection.set_schema_to_public()
    villages = village_directory()
    districts: dict[str, dict[str, int]] = {}
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["kode", "desa", "kecamatan", "berita_terakhir", "status"])
    for village in villages:
        status = activity_of(village.last_news_date, today)
        counts = districts.setdefault(village.district_name, {ACTIVE: 0, QUIET: 0, SILENT: 0})
        counts[status] += 1
        last = village.last_news_date.isoformat() if village.last_news_date else ""
        writer.writerow(
            [village.code, village.display_name, village.district_name, last, STATUS_LABELS[status]]
        )
    context = {"districts": sorted(districts.items()), "today": today, "total": len(villages)}
    message = EmailMultiAlternatives(
        subject=f"{settings.VILLAGEWEB_PORTAL_NAME}: ringkasan aktivitas situs desa {today:%m/%Y}",
        body=render_to_string("jobs/regency_summary.txt", context),
        to=recipients,
    )
    message.attach_alternative(render_to_string("jobs/regency_summary.html", context), "text/html")
    message.attach(f"aktivitas-desa-{today:%Y-%m}.csv", rows.getvalue(), "text/csv")
    message.send()
    return True
