"""The LAPOR!-compatible record of a case (docs/cases.md "Ekspor LAPOR!"): one JSON object, or one flat
CSV row with the same keys joined by `_`. SP4N-LAPOR!'s report types are pengaduan, aspirasi and
permintaan informasi; the national category comes from `categories.NATIONAL_CATEGORY`."""

from villageweb.cases.categories import CATEGORY_LABEL, NATIONAL_CATEGORY
from villageweb.cases.models import Case, CaseEvent

FORMAT = "villageweb-lapor-1"
LAPOR_TYPE = {Case.Kind.COMPLAINT: "pengaduan", Case.Kind.INFORMATION: "permintaan_informasi"}

LAPOR_CSV_FIELDS = [
    "format",
    "tracking_id",
    "type",
    "title",
    "content",
    "category_national",
    "category_local",
    "institution_name",
    "institution_code",
    "institution_kind",
    "reporter_name",
    "reporter_phone",
    "reporter_email",
    "reporter_anonymous",
    "status",
    "created_at",
    "due_date",
    "answered_at",
    "closed_at",
    "response",
    "forwarded",
]


def _iso(value):
    return value.isoformat() if value else None


def case_lapor_record(case: Case, *, flat: bool = False) -> dict:
    record = {
        "format": FORMAT,
        "tracking_id": case.code,
        "type": LAPOR_TYPE[case.kind],
        "title": case.subject,
        "content": case.message,
        "category_national": NATIONAL_CATEGORY.get(case.category, "Topik Lainnya"),
        "category_local": CATEGORY_LABEL.get(case.category, case.category),
        "institution": {
            "name": case.provider.display_name,
            "code": case.provider.code or case.provider.schema_name,
            "kind": case.provider.kind,
        },
        "reporter": {
            "name": case.name,
            "phone": case.phone,
            "email": case.email,
            "anonymous": not case.name,
        },
        "status": case.get_status_display(),
        "created_at": _iso(case.received_at),
        "due_date": _iso(case.due_on),
        "answered_at": _iso(case.answered_at),
        "closed_at": _iso(case.closed_at),
        "response": case.public_reply,
        "forwarded": case.events.filter(kind=CaseEvent.Kind.FORWARDED).exists(),
    }
    if not flat:
        return record
    row = {}
    for key, value in record.items():
        if isinstance(value, dict):
            row.update({f"{key}_{inner}": item for inner, item in value.items()})
        else:
            row[key] = value
    return row
