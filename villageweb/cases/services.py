"""Every action on a case, one function each (`<noun>_<verb>`, keyword-only, one transaction).

A provider's screens never query `Case` themselves: `provider_case_get` and `provider_cases` filter by
the provider the request was routed to, and every function that reads or changes a case writes a
`CaseAccess` row. Views pass the tenant from `connection.tenant`, never from the request's data.
"""

import datetime
import logging
import secrets
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone, translation
from django_tenants.utils import schema_context

from tenants.models import Village
from villageweb.accounts.roles import GROUP_ADMIN, GROUP_OPERATOR, GROUP_SUPERIOR, SUPPORT_USERNAME
from villageweb.cases.models import Case, CaseAccess, CaseEvent, NoticeAddress
from villageweb.cases.privacy import personal_numbers_find, personal_numbers_message
from villageweb.cases.workdays import working_days_add
from villageweb.dates import tanggal

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L, U: read aloud over the phone and typed on a phone keyboard without mistakes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 2
CODE_GROUP_LENGTH = 4  # 30^8 = 6.6e11 codes


def code_new() -> str:
    groups = [
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH)) for _ in range(CODE_GROUPS)
    ]
    return "-".join([settings.VILLAGEWEB_CASE_CODE_PREFIX, *groups])


def code_normalise(raw: str) -> str | None:
    """`tbn 7k3q 9xd2` -> `TBN-7K3Q-9XD2`; None when it cannot be a code."""
    prefix = settings.VILLAGEWEB_CASE_CODE_PREFIX
    compact = "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:40]
    if compact.startswith(prefix):
        compact = compact[len(prefix) :]
    if len(compact) != CODE_GROUPS * CODE_GROUP_LENGTH or any(ch not in CODE_ALPHABET for ch in compact):
        return None
    groups = [compact[i : i + CODE_GROUP_LENGTH] for i in range(0, len(compact), CODE_GROUP_LENGTH)]
    return "-".join([prefix, *groups])


def providers():
    """Every tenant that serves citizens: any kind but the portal and the template, active."""
    return (
        Village.objects.exclude(kind__in=[Village.Kind.PORTAL, Village.Kind.TEMPLATE])
        .filter(status=Village.Status.ACTIVE)
        .order_by("kind", "name")
    )


SUPERIOR_TITLES = {
    Village.Kind.DESA: "Kepala Desa",
    Village.Kind.KELURAHAN: "Lurah",
    Village.Kind.KECAMATAN: "Camat",
}


def superior_title(provider: Village) -> str:
    """Who answers an objection at this provider (PerKI 1/2018's atasan PPID), as citizens read it."""
    title = SUPERIOR_TITLES.get(provider.kind)
    if title:
        return f"{title} {provider.name}"
    return f"Kepala {provider.name}"  # an OPD: the head of the agency


def _handlers():
    """The accounts of the current site that work on cases: Admin Desa, Operator, Atasan PPID and the
    site's superusers, active, never Diskominfo's support account. Users live in each provider's own
    schema, so this reads the schema the connection is on (the provider's host, or schema_context)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[GROUP_ADMIN, GROUP_OPERATOR, GROUP_SUPERIOR]))
        .exclude(username=SUPPORT_USERNAME)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def case_handlers() -> list:
    return list(_handlers())


def user_label(user) -> str:
    full = user.get_full_name().strip()
    return f"{full} ({user.get_username()})" if full else user.get_username()


def superiors():
    """The accounts of the current site that may answer an objection: Atasan PPID and superusers."""
    return _handlers().filter(Q(is_superuser=True) | Q(groups__name=GROUP_SUPERIOR))


def may_answer_objection(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.groups.filter(name=GROUP_SUPERIOR).exists()))


def _event(
    case: Case, provider: Village, kind: str, *, actor: str = "", text: str = "", public: bool = False
):
    return CaseEvent.objects.create(
        case=case, provider=provider, kind=kind, actor=actor, text=text, public=public
    )


def _access(case: Case, provider: Village, actor: str, action: str, address: str) -> None:
    CaseAccess.objects.create(
        case=case, provider=provider, actor=actor or "-", action=action, address=address or ""
    )


def _answer_days(kind: str) -> int:
    return settings.VILLAGEWEB_CASE_ANSWER_DAYS[kind]


@dataclass
class Submission:
    kind: str
    category: str
    subject: str
    message: str
    purpose: str = ""
    name: str = ""
    phone: str = ""
    email: str = ""


def case_create(
    *, provider: Village, submission: Submission, submitted_to: Village | None = None, now=None
) -> Case:
    """File a complaint or an information request with `provider`; its code and deadline are set here."""
    now = now or timezone.now()
    with transaction.atomic():
        for _ in range(5):
            code = code_new()
            if not Case.objects.filter(code=code).exists():
                break
        case = Case.objects.create(
            code=code,
            provider=provider,
            submitted_to=submitted_to or provider,
            received_at=now,
            due_on=working_days_add(timezone.localdate(now), _answer_days(submission.kind)),
            **submission.__dict__,
        )
        _event(
            case,
            provider,
            CaseEvent.Kind.RECEIVED,
            public=True,
            text=f"Diterima oleh {provider.display_name}.",
        )
        transaction.on_commit(lambda: _mail_received(case))
    return case


def provider_recipients(provider: Village) -> list[str]:
    """Where a provider's new-case notices go: its confirmed notice addresses (`NoticeAddress`).

    Never an address merely typed into a form (issue 26 item 12: the contact form relayed mail to any
    recipient a village admin set)."""
    return list(
        NoticeAddress.objects.filter(provider=provider, verified_at__isnull=False).values_list(
            "email", flat=True
        )
    )


def _mail_received(case: Case) -> None:
    sender = settings.VILLAGEWEB_CONTACT_FROM_EMAIL
    try:
        recipients = provider_recipients(case.provider)
        if recipients:
            EmailMessage(
                f"[{case.code}] {case.get_kind_display()} baru",
                f"{case.get_kind_display()} baru untuk {case.provider.display_name}: {case.subject}\n\n"
                f"Buka kotak masuk di admin situs untuk membaca dan menjawabnya. Batas jawab: "
                f"{case.due_on:%d-%m-%Y}.",
                sender,
                recipients,
            ).send()
        if case.email:
            EmailMessage(
                f"Kode lacak {case.code}",
                f"Terima kasih. {case.get_kind_display()} Anda kepada {case.provider.display_name} sudah "
                f"diterima dengan kode lacak {case.code}.\n\nStatus dan jawabannya: "
                f"{case.provider.url}/lacak/?kode={case.code}",
                sender,
                [case.email],
            ).send()
    except Exception:  # noqa: BLE001 - mail is a courtesy; the case is saved and shown on screen
        logger.exception("Notice of case %s not sent", case.code)


def provider_cases(provider: Village):
    """The provider's own cases, unread first, then the nearest deadline."""
    return Case.objects.filter(provider=provider).order_by(
        F("read_at").asc(nulls_first=True), F("closed_at").asc(nulls_first=True), "due_on", "-received_at"
    )


def provider_unread_count(provider: Village) -> int:
    return Case.objects.filter(provider=provider, read_at__isnull=True).count()


def provider_case_get(
    *, provider: Village, case_id: int, actor: str, address: str, action: str = "dibuka"
) -> Case:
    """The case if it belongs to `provider` (else 404, whoever asks), its opening logged."""
    case = Case.objects.filter(provider=provider, pk=case_id).first()
    if case is None:
        raise Http404("Pengaduan tidak ditemukan")
    _access(case, provider, actor, action, address)
    if case.read_at is None:  # whatever the official does first, they have read it
        case.read_at = timezone.now()
        if case.status == Case.Status.RECEIVED:
            case.status = Case.Status.IN_PROGRESS
        case.save(update_fields=["read_at", "status"])
        _event(case, provider, CaseEvent.Kind.READ, actor=actor, text="Dibaca.")
    return case


def _checked_public(text: str, field: str) -> str:
    found = personal_numbers_find(text)
    if found:
        raise ValidationError({field: personal_numbers_message(found)})
    return text.strip()


def case_note(*, provider: Village, case_id: int, actor: str, address: str, text: str) -> Case:
    with transaction.atomic():
        case = provider_case_get(
            provider=provider, case_id=case_id, actor=actor, address=address, action="catatan"
        )
        _event(case, provider, CaseEvent.Kind.NOTE, actor=actor, text=text.strip())
    return case


def case_assign(*, provider: Village, case_id: int, actor: str, address: str, assignee: str) -> Case:
    """Assign to an account of the provider's own site that works on cases (run on its host)."""
    user = _handlers().filter(username=assignee).first()
    if user is None:
        raise ValidationError({"assignee": "Pilih petugas dari daftar akun situs ini."})
    with transaction.atomic():
        case = provider_case_get(
            provider=provider, case_id=case_id, actor=actor, address=address, action="tugaskan"
        )
        case.assignee = user.get_username()
        case.reminded_on = None  # the new assignee gets the reminder
        case.save(update_fields=["assignee", "reminded_on"])
        _event(
            case,
            provider,
            CaseEvent.Kind.ASSIGNED,
            actor=actor,
            text=f"Ditugaskan kepada {user_label(user)}.",
        )
    return case


def case_reply(
    *,
    provider: Village,
    case_id: int,
    actor: str,
    address: str,
    text: str,
    link: str = "",
    document=None,
    close: bool = False,
    now=None,
) -> Case:
    """The public answer (shown on /lacak/), refused while it holds a NIK/KK or phone number."""
    now = now or timezone.now()
    text = _checked_public(text, "text")
    if not text and not link and document is None:
        raise ValidationError({"text": "Tulis jawaban, atau lampirkan dokumen atau tautan."})
    with transaction.atomic():
        case = provider_case_get(
            provider=provider, case_id=case_id, actor=actor, address=address, action="jawab"
        )
        if case.objection_open:
            raise ValidationError(
                f"Warga mengajukan keberatan: tanggapannya diberikan oleh {superior_title(provider)} "
                "(peran Atasan PPID)."
            )
        case.public_reply = text
        if link:
            case.reply_link = link
        if document is not None:
            case.reply_file.save(document.name, document, save=False)
        if case.answered_at is None:
            case.answered_at = now
        case.status = Case.Status.CLOSED if close else Case.Status.ANSWERED
        if close:
            case.closed_at = now
        case.save()
        _event(case, provider, CaseEvent.Kind.REPLIED, actor=actor, public=True, text="Jawaban diberikan.")
        if close:
            _event(case, provider, CaseEvent.Kind.CLOSED, actor=actor, public=True, text="Selesai.")
    return case


def case_close(*, provider: Village, case_id: int, actor: str, address: str, now=None) -> Case:
    with transaction.atomic():
        case = provider_case_get(
            provider=provider, case_id=case_id, actor=actor, address=address, action="selesai"
        )
        if case.answered_at is None:
            raise ValidationError("Jawab dulu sebelum menandai selesai.")
        case.status = Case.Status.CLOSED
        case.closed_at = now or timezone.now()
        case.save(update_fields=["status", "closed_at"])
        _event(case, provider, CaseEvent.Kind.CLOSED, actor=actor, public=True, text="Selesai.")
    return case


def case_extend(*, provider: Village, case_id: int, actor: str, address: str, reason: str, now=None) -> Case:
    """Once per case, with a reason the citizen reads (PerKI 1/2018: 7 more working days)."""
    reason = _checked_public(reason, "reason")
    if not reason:
        raise ValidationError({"reason": "Tuliskan alasan perpanjangan; warga akan membacanya."})
    with transaction.atomic():
        case = provider_case_get(
            provider=provider, case_id=case_id, actor=actor, address=address, action="perpanjang"
        )
        if case.extended_at is not None:
            raise ValidationError("Batas jawab hanya dapat diperpanjang satu kali.")
        if case.status in (Case.Status.ANSWERED, Case.Status.CLOSED):
            raise ValidationError("Pengaduan yang sudah dijawab tidak perlu diperpanjang.")
        case.due_on = working_days_add(case.due_on, settings.VILLAGEWEB_CASE_EXTENSION_DAYS)
        case.extended_at = now or timezone.now()
        case.extension_reason = reason
        case.reminded_on = None
        case.save(update_fields=["due_on", "extended_at", "extension_reason", "reminded_on"])
        _event(
            case,
            provider,
            CaseEvent.Kind.EXTENDED,
            actor=actor,
            public=True,
            text=f"Batas jawab diperpanjang: {reason}",
        )
    return case


def case_forward(
    *,
    provider: Village,
    case_id: int,
    actor: str,
    address: str,
    to_provider_id: int,
    reason: str = "",
    now=None,
) -> Case:
    """No wrong door: the case moves to the provider that can act on it, keeping its code; the new
    provider gets a full answer period from today."""
    now = now or timezone.now()
    target = providers().filter(pk=to_provider_id).exclude(pk=provider.pk).first()
    if target is None:
        raise ValidationError({"to_provider": "Pilih penyelenggara tujuan dari daftar."})
    with transaction.atomic():
        case = provider_case_get(
            provider=provider, case_id=case_id, actor=actor, address=address, action="teruskan"
        )
        if case.status == Case.Status.CLOSED:
            raise ValidationError("Pengaduan yang sudah selesai tidak dapat diteruskan.")
        if case.objection_at is not None:
            raise ValidationError(
                "Keberatan ditanggapi oleh atasan penyelenggara yang menjawab; tidak diteruskan."
            )
        case.provider = target
        case.status = Case.Status.RECEIVED
        case.read_at = None
        case.assignee = ""
        case.extended_at = None
        case.extension_reason = ""
        case.due_on = working_days_add(timezone.localdate(now), _answer_days(case.kind))
        case.reminded_on = None
        case.save()
        _event(
            case,
            provider,
            CaseEvent.Kind.FORWARDED,
            actor=actor,
            public=True,
            text=f"Diteruskan dari {provider.display_name} ke {target.display_name}.",
        )
        if reason.strip():
            _event(
                case, provider, CaseEvent.Kind.NOTE, actor=actor, text=f"Alasan diteruskan: {reason.strip()}"
            )
        transaction.on_commit(lambda: _mail_received(case))
    return case


def case_track(code: str) -> Case | None:
    normalised = code_normalise(code)
    if normalised is None:
        return None
    return Case.objects.select_related("provider").filter(code=normalised).first()


def case_object(*, code: str, text: str, address: str, now=None) -> Case:
    """The citizen's objection (keberatan) after an answer or a missed deadline: the case reopens."""
    now = now or timezone.now()
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Tuliskan alasan keberatan Anda."})
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(code=code_normalise(code) or "").first()
        if case is None:
            raise Http404("Kode tidak ditemukan")
        overdue = case.answered_at is None and timezone.localdate(now) > case.due_on
        if case.objection_at is not None:
            raise ValidationError("Keberatan untuk kode ini sudah diajukan.")
        if case.status not in (Case.Status.ANSWERED, Case.Status.CLOSED) and not overdue:
            raise ValidationError(
                "Keberatan dapat diajukan setelah ada jawaban atau bila batas jawab terlewati."
            )
        case.objection = text[:2000]
        case.objection_at = now
        case.objection_due_on = working_days_add(
            timezone.localdate(now), settings.VILLAGEWEB_CASE_OBJECTION_DAYS
        )
        case.status = Case.Status.IN_PROGRESS
        case.closed_at = None
        case.read_at = None
        case.reminded_on = None
        case.save()
        _access(case, case.provider, "warga", "keberatan", address)
        _event(
            case,
            case.provider,
            CaseEvent.Kind.OBJECTION,
            public=True,
            text=f"Warga mengajukan keberatan; ditanggapi oleh {superior_title(case.provider)} "
            f"paling lambat {_indonesian_date(case.objection_due_on)}.",
        )
    return case


def _indonesian_date(day: datetime.date) -> str:
    """ "22 Januari 2027": stored in a public timeline text, so in Indonesian whoever's request it is."""
    with translation.override("id"):
        return tanggal(day)


def case_objection_answer(
    *, provider: Village, case_id: int, actor: str, address: str, text: str, close: bool = True, now=None
) -> Case:
    """The superior's answer to the objection (shown on /lacak/); the view lets only Atasan PPID and
    the site's superusers call it (`may_answer_objection`)."""
    now = now or timezone.now()
    text = _checked_public(text, "text")
    if not text:
        raise ValidationError({"text": "Tulis tanggapan atas keberatan; warga akan membacanya."})
    with transaction.atomic():
        case = provider_case_get(
            provider=provider, case_id=case_id, actor=actor, address=address, action="tanggapi keberatan"
        )
        if not case.objection_open:
            raise ValidationError("Tidak ada keberatan yang menunggu tanggapan.")
        case.objection_reply = text
        case.objection_answered_at = now
        case.status = Case.Status.CLOSED if close else Case.Status.ANSWERED
        if close:
            case.closed_at = now
        case.save()
        _event(
            case,
            provider,
            CaseEvent.Kind.OBJECTION_ANSWERED,
            actor=actor,
            public=True,
            text=f"Keberatan ditanggapi oleh {superior_title(provider)}.",
        )
        if close:
            _event(case, provider, CaseEvent.Kind.CLOSED, actor=actor, public=True, text="Selesai.")
    return case


def case_is_overdue(case: Case, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return case.status in (Case.Status.RECEIVED, Case.Status.IN_PROGRESS) and today > case.deadline


@dataclass
class ResponseRecord:
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    open: int = 0
    overdue: int = 0
    median_days: float | None = None

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.answered_on_time / self.answered) if self.answered else None


def response_records(
    *, provider_ids=None, since: datetime.date | None = None, today=None
) -> dict[int, ResponseRecord]:
    """Per provider: cases received, answered, answered on time, open, overdue, median calendar days
    to the answer. No personal data is read."""
    today = today or timezone.localdate()
    cases = Case.objects.all()
    if provider_ids is not None:
        cases = cases.filter(provider_id__in=list(provider_ids))
    if since is not None:
        cases = cases.filter(received_at__date__gte=since)
    records: dict[int, ResponseRecord] = {}
    days: dict[int, list[int]] = {}
    for provider_id, status, received_at, answered_at, due_on in cases.values_list(
        "provider_id", "status", "received_at", "answered_at", "due_on"
    ):
        record = records.setdefault(provider_id, ResponseRecord())
        record.received += 1
        if answered_at is not None:
            record.answered += 1
            answered_on = timezone.localdate(answered_at)
            record.answered_on_time += answered_on <= due_on
            days.setdefault(provider_id, []).append((answered_on - timezone.localdate(received_at)).days)
        elif status != Case.Status.CLOSED:
            record.open += 1
            record.overdue += today > due_on
    for provider_id, values in days.items():
        records[provider_id].median_days = float(statistics.median(values))
    return records


def personal_data_erase(*, now=None) -> int:
    """Blank the complainant's name, phone, e-mail and texts of cases closed longer than the retention
    period (VILLAGEWEB_CASE_RETENTION_DAYS); the code, dates and states stay for the statistics."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.VILLAGEWEB_CASE_RETENTION_DAYS)
    due = Case.objects.filter(personal_data_erased_at__isnull=True).filter(
        Q(closed_at__lt=cutoff)
        | Q(closed_at__isnull=True, received_at__lt=cutoff - datetime.timedelta(days=365))
    )
    with transaction.atomic():
        ids = list(due.values_list("pk", flat=True))
        Case.objects.filter(pk__in=ids).update(
            name="",
            phone="",
            email="",
            message="(dihapus sesuai masa retensi)",
            purpose="",
            objection="",
            personal_data_erased_at=now,
        )
        CaseEvent.objects.filter(case_id__in=ids, public=False).update(text="(dihapus sesuai masa retensi)")
    return len(ids)


def cases_remind(*, today: datetime.date | None = None) -> int:
    """Mail each provider's notice addresses, and each case's assignee, about open cases (and open
    objections) due within VILLAGEWEB_CASE_REMIND_DAYS working days, once per case and deadline (a new
    deadline or assignee clears `reminded_on`); returns how many cases were in them. The mail names
    codes, kinds and deadlines only, never a text the citizen typed (issue 26 item 12)."""
    today = today or timezone.localdate()
    horizon = working_days_add(today, settings.VILLAGEWEB_CASE_REMIND_DAYS)
    open_objection = Q(objection_at__isnull=False, objection_answered_at__isnull=True)
    due = (
        Case.objects.filter(
            status__in=[Case.Status.RECEIVED, Case.Status.IN_PROGRESS],
            reminded_on__isnull=True,
        )
        .filter(
            (open_objection & Q(objection_due_on__lte=horizon)) | (~open_objection & Q(due_on__lte=horizon))
        )
        .select_related("provider")
        .order_by("provider_id", "due_on")
    )
    by_provider: dict[int, list[Case]] = {}
    for case in due:
        by_provider.setdefault(case.provider_id, []).append(case)
    sent = 0
    for cases in by_provider.values():
        provider = cases[0].provider
        _remind(provider_recipients(provider), cases, today, provider)
        for username, email in _assignee_addresses(provider, cases).items():
            _remind([email], [case for case in cases if case.assignee == username], today, provider)
        with transaction.atomic():
            for case in cases:
                Case.objects.filter(pk=case.pk).update(reminded_on=today)
                _event(case, provider, CaseEvent.Kind.REMINDED, text="Pengingat batas jawab dikirim.")
        sent += len(cases)
    return sent


def _reminder_line(case: Case, today: datetime.date) -> str:
    what = (
        "keberatan atas " + case.get_kind_display().lower()
        if case.objection_open
        else case.get_kind_display()
    )
    late = " (sudah lewat)" if case.deadline < today else ""
    return f"- {case.code} ({what}): batas {case.deadline:%d-%m-%Y}{late}"


def _remind(recipients: list[str], cases: list[Case], today: datetime.date, provider: Village) -> None:
    if not recipients or not cases:
        return
    EmailMessage(
        f"Pengingat: {len(cases)} pengaduan mendekati batas jawab",
        "Pengaduan dan permohonan informasi berikut perlu dijawab:\n\n"
        + "\n".join(_reminder_line(case, today) for case in cases)
        + f"\n\nBuka menu Pengaduan di admin situs: {provider.url}/admin/pengaduan/",
        settings.VILLAGEWEB_CONTACT_FROM_EMAIL,
        recipients,
    ).send()


def _assignee_addresses(provider: Village, cases: list[Case]) -> dict[str, str]:
    """username -> e-mail of the assignees among `cases`, read in the provider's own schema: only
    accounts that still work on cases and have signed in at least once (an address its owner uses)."""
    usernames = {case.assignee for case in cases if case.assignee}
    if not usernames:
        return {}
    with schema_context(provider.schema_name):
        return {
            username: email
            for username, email in _handlers()
            .filter(username__in=usernames, last_login__isnull=False)
            .exclude(email="")
            .values_list("username", "email")
        }


NOTICE_SALT = "cases.notice-address"
NOTICE_MAX_ADDRESSES = 5
NOTICE_CONFIRM_DAYS = 7


def notice_address_add(*, provider: Village, email: str, actor: str) -> NoticeAddress:
    """Add an address for the provider's notices; it receives nothing but the confirmation link until
    its owner opens that link."""
    email = email.strip().lower()
    if NoticeAddress.objects.filter(provider=provider).count() >= NOTICE_MAX_ADDRESSES:
        raise ValidationError({"email": f"Paling banyak {NOTICE_MAX_ADDRESSES} alamat pemberitahuan."})
    address, created = NoticeAddress.objects.get_or_create(
        provider=provider, email=email, defaults={"added_by": actor}
    )
    if not created:
        raise ValidationError({"email": "Alamat ini sudah ada di daftar."})
    token = signing.dumps({"p": provider.pk, "e": email}, salt=NOTICE_SALT)
    link = f"{provider.url}/pengaduan/konfirmasi-surel/{token}/"
    transaction.on_commit(
        lambda: EmailMessage(
            f"Konfirmasi alamat pemberitahuan pengaduan {provider.display_name}",
            f"{actor} di {provider.display_name} meminta pemberitahuan pengaduan warga dikirim ke "
            f"alamat ini. Bila benar, buka tautan berikut dalam {NOTICE_CONFIRM_DAYS} hari:\n\n{link}\n\n"
            "Bila Anda tidak mengenal permintaan ini, abaikan surel ini; Anda tidak akan menerima apa "
            "pun lagi.",
            settings.VILLAGEWEB_CONTACT_FROM_EMAIL,
            [email],
        ).send(fail_silently=True)
    )
    return address


def notice_address_confirm(*, provider: Village, token: str) -> NoticeAddress | None:
    """The address the token names, now confirmed; None for a bad, expired or foreign token."""
    try:
        data = signing.loads(token, salt=NOTICE_SALT, max_age=NOTICE_CONFIRM_DAYS * 86400)
    except signing.BadSignature:
        return None
    if data.get("p") != provider.pk:
        return None
    address = NoticeAddress.objects.filter(provider=provider, email=data.get("e", "")).first()
    if address is not None and address.verified_at is None:
        address.verified_at = timezone.now()
        address.save(update_fields=["verified_at"])
    return address


def notice_address_remove(*, provider: Village, address_id: int) -> None:
    NoticeAddress.objects.filter(provider=provider, pk=address_id).delete()
