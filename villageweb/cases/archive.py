"""A provider's cases in its export archive: `cases.json`, written and read by provisioning/archive.py.

Cases live in the public schema (docs/cases.md), so a village's schema rows do not carry them; these
two functions do. What goes in (docs/cases.md, "Archives"; docs/security.md):

- every case whose provider is the village (a case it forwarded to another provider belongs there
  now), with its timeline, its access log and the village's confirmed notice addresses;
- the complainant's personal data (name, phone, e-mail, message, purpose, objection, internal notes)
  only for cases still open: an official restoring the village must be able to answer them. Closed
  cases travel as the retention job leaves them (code, dates, states, public reply, public timeline):
  an archive is kept long after the site, and nothing in it can be erased later.

A restore treats the file as hostile even though its checksum matched an export record: every field
is cleaned by the model's own field (type, length, choices), codes must be well formed, and a code
already in use (the village restored as a copy beside the original) is left with the case that has
it. The retention job runs at once, so a case whose retention ended while it was in the archive is
erased before anyone can open it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from tenants.models import Village
from villageweb.cases.models import Case, CaseAccess, CaseEvent, NoticeAddress
from villageweb.cases.services import code_normalise, personal_data_erase

FORMAT = 1
ERASED = "(dihapus sesuai masa retensi)"
# Plain fields, copied as they are (cleaned by the model's field on the way back in).
CASE_FIELDS = [
    "code",
    "kind",
    "category",
    "subject",
    "message",
    "purpose",
    "name",
    "phone",
    "email",
    "personal_data_erased_at",
    "status",
    "received_at",
    "due_on",
    "extended_at",
    "extension_reason",
    "read_at",
    "assignee",
    "answered_at",
    "closed_at",
    "public_reply",
    "reply_link",
    "objection",
    "objection_at",
    "objection_due_on",
    "objection_answered_at",
    "objection_reply",
    "reminded_on",
]
PERSONAL_FIELDS = {"name": "", "phone": "", "email": "", "message": ERASED, "purpose": "", "objection": ""}
REPLY_FOLDER = "jawaban-informasi/"
LIMIT = 100_000  # cases in one archive: far above any village's, far below a memory problem


class CasesRefused(ValueError):
    """The archive's cases.json does not hold valid cases. The message (Indonesian) is for the operator."""


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _provider_codes(rows: list[dict]) -> None:
    """Replace each row's `provider_id` by the provider's code (ids mean nothing on another server)."""
    codes = dict(
        Village.objects.filter(pk__in={row["provider_id"] for row in rows}).values_list("pk", "code")
    )
    for row in rows:
        row["provider"] = codes.get(row.pop("provider_id"), "")


def cases_archive_export(*, provider: Village) -> dict:
    """The provider's cases as JSON-ready data (closed ones without personal data)."""
    now = timezone.now()
    cases, events, accesses = [], [], []
    for case in Case.objects.filter(provider=provider).order_by("pk"):
        row = {field: _plain(getattr(case, field)) for field in CASE_FIELDS}
        row["reply_file"] = case.reply_file.name or ""
        open_case = case.closed_at is None and case.personal_data_erased_at is None
        if not open_case:
            row.update(PERSONAL_FIELDS)
            row["personal_data_erased_at"] = _plain(case.personal_data_erased_at or now)
        cases.append(row)
        for event in case.events.order_by("at", "pk"):
            events.append(
                {
                    "code": case.code,
                    "provider_id": event.provider_id,
                    "kind": event.kind,
                    "public": event.public,
                    "text": event.text if (open_case or event.public) else ERASED,
                    "actor": event.actor,
                    "at": _plain(event.at),
                }
            )
        for access in CaseAccess.objects.filter(case=case).order_by("at", "pk"):
            accesses.append(
                {
                    "code": case.code,
                    "provider_id": access.provider_id,
                    "actor": access.actor,
                    "action": access.action,
                    "address": access.address,
                    "at": _plain(access.at),
                }
            )
    _provider_codes(events)
    _provider_codes(accesses)
    return {
        "format": FORMAT,
        "provider": provider.code,
        "cases": cases,
        "events": events,
        "accesses": accesses,
        "notice_addresses": [
            {"email": address.email, "added_by": address.added_by, "verified_at": _plain(address.verified_at)}
            for address in NoticeAddress.objects.filter(provider=provider, verified_at__isnull=False)
        ],
    }


def _cleaned(model, field: str, value, what: str):
    try:
        return model._meta.get_field(field).clean(value, None)
    except (ValidationError, TypeError, ValueError) as error:
        raise CasesRefused(f"Arsip ditolak: cases.json, {what}: isian '{field}' tidak valid.") from error


def _list(data: dict, key: str) -> list[dict]:
    rows = data.get(key, [])
    if not isinstance(rows, list) or len(rows) > LIMIT * 50 or not all(isinstance(row, dict) for row in rows):
        raise CasesRefused(f"Arsip ditolak: cases.json, '{key}' bukan daftar yang sah.")
    return rows


def _case_checked(row: dict) -> dict:
    code = row.get("code")
    if not isinstance(code, str) or code_normalise(code) != code:
        raise CasesRefused("Arsip ditolak: cases.json memuat kode lacak yang tidak sah.")
    values = {field: _cleaned(Case, field, row.get(field), code) for field in CASE_FIELDS}
    reply_file = row.get("reply_file", "")
    if not isinstance(reply_file, str) or (
        reply_file
        and (
            not reply_file.startswith(REPLY_FOLDER)
            or ".." in reply_file
            or "\\" in reply_file
            or len(reply_file) > 300
        )
    ):
        raise CasesRefused(f"Arsip ditolak: cases.json, {code}: berkas jawaban tidak sah.")
    values["reply_file"] = reply_file
    return values


def cases_archive_restore(*, provider: Village, data) -> int:
    """Load `data` (cases.json) as the cases of `provider`, just restored; returns how many were loaded.

    Run inside the restore's transaction: a refusal (CasesRefused) leaves nothing behind."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CasesRefused("Arsip ditolak: cases.json tidak dikenal.")
    archived_code = data.get("provider")
    rows = _list(data, "cases")
    if len(rows) > LIMIT:
        raise CasesRefused("Arsip ditolak: cases.json memuat terlalu banyak pengaduan.")
    checked = [_case_checked(row) for row in rows]
    taken = set(Case.objects.filter(code__in=[row["code"] for row in checked]).values_list("code", flat=True))
    codes = {
        row.get("provider")
        for row in _list(data, "events") + _list(data, "accesses")
        if isinstance(row, dict)
    }
    others = {
        village.code: village
        for village in Village.objects.filter(code__in=[code for code in codes if isinstance(code, str)])
    }

    def who(code) -> Village:
        # The village itself under its old code, or the other provider that wrote the entry; a provider
        # that is gone is shown as the village (the entry's text still names it).
        if code == archived_code or code not in others:
            return provider
        return others[code]

    loaded: dict[str, Case] = {}
    for values in checked:
        if values["code"] in taken:
            continue
        loaded[values["code"]] = Case.objects.create(provider=provider, submitted_to=provider, **values)
    for key, model, fields in (
        ("events", CaseEvent, ("kind", "public", "text", "actor")),
        ("accesses", CaseAccess, ("actor", "action", "address")),
    ):
        for row in _list(data, key):
            case = loaded.get(row.get("code"))
            if case is None:
                continue
            values = {field: _cleaned(model, field, row.get(field), case.code) for field in fields}
            at = _cleaned(model, "at", row.get("at"), case.code)
            entry = model.objects.create(case=case, provider=who(row.get("provider")), **values)
            model.objects.filter(pk=entry.pk).update(at=at)  # `at` is auto_now_add: set it afterwards
    for row in _list(data, "notice_addresses"):
        email = _cleaned(NoticeAddress, "email", row.get("email"), "alamat pemberitahuan")
        NoticeAddress.objects.get_or_create(
            provider=provider,
            email=email,
            defaults={
                "added_by": _cleaned(NoticeAddress, "added_by", row.get("added_by"), email),
                "verified_at": _cleaned(NoticeAddress, "verified_at", row.get("verified_at"), email),
            },
        )
    personal_data_erase()
    return len(loaded)
