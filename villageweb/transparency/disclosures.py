"""The mandatory disclosures of a provider, measured inside its own schema.

UU Desa and PerKI 1/2018 ask a desa to publish its APBDes of the year and its realisation, RKPDes,
RPJMDes, Perdes, the Daftar Informasi Publik and its service standards. Each is found where the
village already keeps it (the APBDes pages, Produk Hukum, Informasi Publik, Layanan) and gets a date
and a state: `ada` (present and current), `kedaluwarsa` (present but out of date), `tidak_ada`.
Kelurahan and other provider kinds (OPD, kecamatan, ...) have no APBDes, RKPDes, RPJMDes or Perdes;
the DIP and service standards apply to every kind.

An OPD and a kecamatan (a perangkat daerah) publish their planning and accountability documents
instead (UU 14/2008 art. 9, PP 61/2010, PerKI 1/2021; Permendagri 86/2017 for Renstra and Renja,
PP 12/2019 for DPA, Perpres 29/2014 for LKjIP): the Renstra (five years), the Renja of the year, the
DPA (or RKA) of the year and the LKjIP of last year. They keep them as entries of their Daftar
Informasi Publik, so each is found there by its title (the usual names and abbreviations) and year.
"""

import datetime
from dataclasses import asdict, dataclass

from django.db import connection
from django.db.models import Max, Q
from django.utils import timezone
from django_tenants.utils import schema_context

from tenants.models import Village
from villageweb.budget.models import BudgetIndexPage, BudgetYearPage
from villageweb.transparency.models import DisclosureSnapshot
from villageweb.village.listing import pages_public
from villageweb.village.models import (
    LegalProduct,
    LegalProductIndexPage,
    PublicInformation,
    PublicInformationPage,
    ServiceIndexPage,
    ServicePage,
)

PRESENT, OUTDATED, MISSING = "ada", "kedaluwarsa", "tidak_ada"
STATE_LABELS = {PRESENT: "Tersedia", OUTDATED: "Kedaluwarsa", MISSING: "Belum ada"}
STATE_POINTS = {PRESENT: 2, OUTDATED: 1, MISSING: 0}
DESA_ONLY = {"apbdes", "realisasi", "rkpdes", "rpjmdes", "perdes"}

RKP_WORDS = Q(title__icontains="Rencana Kerja Pemerintah") | Q(title__icontains="RKP")
RPJM_WORDS = Q(title__icontains="Rencana Pembangunan Jangka Menengah") | Q(title__icontains="RPJM")


@dataclass
class Disclosure:
    key: str
    label: str
    state: str
    date: str | None  # ISO date
    path: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def day(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.date) if self.date else None


def _path(model) -> str:
    page = pages_public(model.objects).first()
    return page.url or "" if page else ""


def _date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return value.isoformat()


def _item(key, label, state, date, path) -> Disclosure:
    return Disclosure(key=key, label=label, state=state, date=_date(date), path=path)


def _budget(today) -> list[Disclosure]:
    path = _path(BudgetIndexPage)
    this_year = pages_public(BudgetYearPage.objects).filter(year=today.year).first()
    apbdes = (
        _item("apbdes", f"APBDes {today.year}", PRESENT, this_year.last_published_at, this_year.url or path)
        if this_year
        else _item("apbdes", f"APBDes {today.year}", MISSING, None, path)
    )
    latest = (
        pages_public(BudgetYearPage.objects).filter(realisation_date__isnull=False).order_by("-year").first()
    )
    if latest is None:
        realisation = _item("realisasi", "Realisasi APBDes", MISSING, None, path)
    else:
        fresh = (today - latest.realisation_date).days <= 190  # reported at least each semester
        realisation = _item(
            "realisasi",
            "Realisasi APBDes",
            PRESENT if fresh else OUTDATED,
            latest.realisation_date,
            latest.url or path,
        )
    return [apbdes, realisation]


def _law(today) -> list[Disclosure]:
    path = _path(LegalProductIndexPage)
    items = []
    # RKPDes of year N is set during N-1: current while it names this year or the next. RPJMDes runs
    # eight years (UU 3/2024): current while set within the last seven.
    for key, label, words, oldest_current in (
        ("rkpdes", "RKPDes", RKP_WORDS, today.year),
        ("rpjmdes", "RPJMDes", RPJM_WORDS, today.year - 7),
    ):
        product = LegalProduct.objects.filter(words).order_by("-year", "-enacted_on").first()
        if product is None:
            items.append(_item(key, label, MISSING, None, path))
        else:
            day = product.enacted_on or datetime.date(product.year, 1, 1)
            items.append(
                _item(key, label, PRESENT if product.year >= oldest_current else OUTDATED, day, path)
            )
    perdes = (
        LegalProduct.objects.filter(kind=LegalProduct.Kind.PERDES).order_by("-year", "-enacted_on").first()
    )
    if perdes is None:
        items.append(_item("perdes", "Peraturan Desa", MISSING, None, path))
    else:
        day = perdes.enacted_on or datetime.date(perdes.year, 1, 1)
        items.append(
            _item(
                "perdes", "Peraturan Desa", PRESENT if perdes.year >= today.year - 1 else OUTDATED, day, path
            )
        )
    return items


def _public_information(today) -> Disclosure:
    path = _path(PublicInformationPage)
    latest = PublicInformation.objects.aggregate(year=Max("year"))["year"]
    if not PublicInformation.objects.exists():
        return _item("dip", "Daftar Informasi Publik", MISSING, None, path)
    day = datetime.date(latest, 1, 1) if latest else None
    state = PRESENT if latest and latest >= today.year - 1 else OUTDATED
    return _item("dip", "Daftar Informasi Publik", state, day, path)


def _services(today) -> Disclosure:
    path = _path(ServiceIndexPage)
    pages = pages_public(ServicePage.objects).exclude(requirements="")
    latest = pages.aggregate(at=Max("last_published_at"))["at"]
    if latest is None:
        return _item("standar_layanan", "Standar pelayanan", MISSING, None, path)
    fresh = (today - timezone.localdate(latest)).days <= 366
    return _item("standar_layanan", "Standar pelayanan", PRESENT if fresh else OUTDATED, latest, path)


# key, label, title pattern (PostgreSQL regular expression, case-insensitive; \m \M are word edges),
# the oldest year still current (from this year): Renstra five years; Renja and DPA of this year (or
# the next, set the year before); LKjIP of last year (due by the end of March).
AGENCY_DOCUMENTS = (
    ("renstra", "Renstra", r"\mrenstra\M|rencana strategis", -4),
    ("renja", "Renja", r"\mrenja\M|rencana kerja(?! dan anggaran)", 0),
    ("dpa", "DPA/RKA", r"\m(dpa|rka)\M|dokumen pelaksanaan anggaran|rencana kerja dan anggaran", 0),
    ("lkjip", "LKjIP", r"\m(lkjip|lakip|lkip)\M|laporan kinerja", -1),
)
AGENCY_KINDS = (Village.Kind.OPD, Village.Kind.KECAMATAN)


def _agency_documents(today) -> list[Disclosure]:
    path = _path(PublicInformationPage)
    items = []
    for key, label, pattern, oldest in AGENCY_DOCUMENTS:
        entry = (
            PublicInformation.objects.filter(title__iregex=pattern, year__isnull=False)
            .order_by("-year", "-pk")
            .first()
        )
        if entry is None:
            items.append(_item(key, label, MISSING, None, path))
        else:
            state = PRESENT if entry.year >= today.year + oldest else OUTDATED
            items.append(_item(key, f"{label} {entry.year}", state, datetime.date(entry.year, 1, 1), path))
    return items


def disclosures_measure(*, kind: str, today: datetime.date | None = None) -> list[Disclosure]:
    """The current schema's disclosures for a provider of `kind`: a desa's village documents, an OPD's
    or kecamatan's planning and performance documents, and every kind's DIP and service standards."""
    today = today or timezone.localdate()
    items = []
    if kind == Village.Kind.DESA:
        items += _budget(today)
        items += _law(today)
    elif kind in AGENCY_KINDS:
        items += _agency_documents(today)
    items += [_public_information(today), _services(today)]
    return items


def disclosure_score(items: list[Disclosure]) -> int:
    if not items:
        return 0
    return round(100 * sum(STATE_POINTS[item.state] for item in items) / (2 * len(items)))


def disclosures_refresh(*, provider: Village, today=None) -> list[Disclosure]:
    """Measure `provider` in its own schema and keep the snapshot the portal ranks from."""
    if connection.schema_name == provider.schema_name:
        items = disclosures_measure(kind=provider.kind, today=today)
    else:
        with schema_context(provider.schema_name):
            items = disclosures_measure(kind=provider.kind, today=today)
    rows, score = [asdict(item) for item in items], disclosure_score(items)
    kept = DisclosureSnapshot.objects.filter(provider=provider).first()
    if kept is None or kept.items != rows or kept.score != score:
        DisclosureSnapshot.objects.update_or_create(
            provider=provider, defaults={"items": rows, "score": score, "measured_at": timezone.now()}
        )
    return items


def snapshot_items(snapshot: DisclosureSnapshot | None) -> list[Disclosure]:
    return [Disclosure(**row) for row in snapshot.items] if snapshot else []
