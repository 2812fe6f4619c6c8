"""The regency-wide ranking of providers: the portal's /transparansi/ and Diskominfo's health page."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from tenants.models import Village
from villageweb.cases.services import ResponseRecord, providers, response_records
from villageweb.transparency.disclosures import Disclosure, snapshot_items
from villageweb.transparency.models import DisclosureSnapshot

RECORD_DAYS = 365
SORTS = {
    "keterbukaan": ("Keterbukaan", lambda row: (-row.score, -(row.record.on_time_percent or -1), row.name)),
    "tepat_waktu": ("Tepat waktu", lambda row: (-(row.record.on_time_percent or -1), -row.score, row.name)),
    "diterima": ("Diterima", lambda row: (-row.record.received, row.name)),
    "median": (
        "Median hari",
        lambda row: (row.record.median_days if row.record.median_days is not None else 1e9, row.name),
    ),
    "nama": ("Nama", lambda row: (row.name,)),
}


@dataclass
class Row:
    provider: Village
    items: list[Disclosure]
    score: int
    record: ResponseRecord = field(default_factory=ResponseRecord)

    @property
    def missing(self) -> str:
        """The disclosures not published at all, or "" when none is missing."""
        return ", ".join(item.label for item in self.items if item.state == "tidak_ada")

    @property
    def name(self) -> str:
        return self.provider.display_name


def record_since() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=RECORD_DAYS)


def transparency_rows(*, district: str = "", sort: str = "keterbukaan") -> list[Row]:
    """Every active provider (of `district`), with its disclosures and 12-month response record."""
    chosen = providers()
    if district:
        chosen = chosen.filter(district_code=district)
    chosen = list(chosen)
    snapshots = {s.provider_id: s for s in DisclosureSnapshot.objects.filter(provider__in=chosen)}
    records = response_records(provider_ids=[p.pk for p in chosen], since=record_since())
    rows = []
    for provider in chosen:
        snapshot = snapshots.get(provider.pk)
        rows.append(
            Row(
                provider=provider,
                items=snapshot_items(snapshot),
                score=snapshot.score if snapshot else 0,
                record=records.get(provider.pk, ResponseRecord()),
            )
        )
    return sorted(rows, key=SORTS.get(sort, SORTS["keterbukaan"])[1])


def provider_record(provider: Village) -> ResponseRecord:
    """One provider's response record over the same period as the ranking."""
    return response_records(provider_ids=[provider.pk], since=record_since()).get(
        provider.pk, ResponseRecord()
    )
