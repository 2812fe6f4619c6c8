"""Diskominfo's view of the catalogue: which services are incomplete, stale, broken or not helpful,
per provider. Read from the public schema in a few queries, whatever the number of providers."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from tenants.models import Village
from villageweb.services.models import CatalogueService, LinkStatus, VillageServiceTemplate
from villageweb.services.services import REVIEW_EVERY_DAYS

# The standard's components (UU 25/2009 Pasal 21) a start page must state, with their labels.
COMPONENTS = [
    ("requirements", "persyaratan"),
    ("procedure", "alur"),
    ("duration", "waktu"),
    ("cost", "biaya"),
    ("output", "produk"),
    ("legal_basis", "dasar hukum"),
    ("complaints", "pengaduan"),
    ("location", "tempat dan jam"),
    ("contact", "telepon/WhatsApp"),
]


def components_missing(service) -> list[str]:
    """Labels of the components a service leaves empty."""
    filled = {
        "requirements": bool(service.requirements),
        "procedure": bool(service.procedure),
        "duration": bool(service.duration),
        "cost": bool(service.cost),
        "output": bool(service.output),
        "legal_basis": bool(service.legal_basis),
        "complaints": bool(service.complaints),
        "location": bool(service.place and service.hours),
        "contact": bool(service.phone or service.whatsapp),
    }
    return [label for key, label in COMPONENTS if not filled[key]]


def is_stale(reviewed_at: datetime.date | None, *, today: datetime.date) -> bool:
    return reviewed_at is None or (today - reviewed_at).days > REVIEW_EVERY_DAYS


@dataclass
class ServiceRow:
    service: CatalogueService
    missing: list[str]
    stale: bool
    answers: int
    not_helpful: int

    @property
    def completeness(self) -> int:
        return round(100 * (len(COMPONENTS) - len(self.missing)) / len(COMPONENTS))

    @property
    def not_helpful_rate(self) -> int | None:
        return round(100 * self.not_helpful / self.answers) if self.answers else None

    @property
    def broken(self) -> bool:
        return self.service.link_status == LinkStatus.BROKEN

    @property
    def needs_attention(self) -> bool:
        """A village's copy of a regency template counts only for what the village controls (its
        link, its citizens' answers): the template's own gaps and age are the template's line in
        `regency_templates` (else one stale template would list every village)."""
        if self.service.template_id is not None:
            return self.broken or (self.not_helpful_rate or 0) >= 50
        return bool(self.missing) or self.stale or self.broken or (self.not_helpful_rate or 0) >= 50


@dataclass
class ProviderRow:
    provider: Village
    services: list[ServiceRow] = field(default_factory=list)

    @property
    def completeness(self) -> int | None:
        if not self.services:
            return None
        return round(sum(row.completeness for row in self.services) / len(self.services))

    @property
    def stale(self) -> int:
        return sum(row.stale for row in self.services)

    @property
    def broken(self) -> int:
        return sum(row.broken for row in self.services)


def catalogue_dashboard(*, today: datetime.date | None = None) -> list[ProviderRow]:
    """Every provider site (services or not: an OPD without services is a gap too), with its services."""
    today = today or timezone.localdate()
    rows = {
        village.pk: ProviderRow(village)
        for village in Village.objects.villages()
        .exclude(status=Village.Status.ARCHIVED)
        .order_by("kind", "name")
    }
    services = (
        CatalogueService.objects.defer("search_vector")
        .annotate(answers=Count("feedback"), not_helpful=Count("feedback", filter=Q(feedback__helpful=False)))
        .order_by("name")
    )
    for service in services:
        if service.provider_id in rows:
            rows[service.provider_id].services.append(
                ServiceRow(
                    service=service,
                    missing=components_missing(service),
                    stale=is_stale(service.reviewed_at, today=today),
                    answers=service.answers,
                    not_helpful=service.not_helpful,
                )
            )
    order = {Village.Kind.OPD: 0, Village.Kind.KECAMATAN: 1}
    return sorted(rows.values(), key=lambda row: (order.get(row.provider.kind, 2), row.provider.name))


@dataclass
class TemplateRow:
    template: VillageServiceTemplate
    villages: int  # desa/kelurahan the template applies to
    listed: int  # of which list it (the others marked it "tidak dilayani", replaced it, or hid /layanan/)
    without_contact: int  # listed with neither phone nor WhatsApp
    broken: int
    answers: int
    not_helpful: int
    stale: bool

    @property
    def not_helpful_rate(self) -> int | None:
        return round(100 * self.not_helpful / self.answers) if self.answers else None


def regency_templates(*, today: datetime.date | None = None) -> list[TemplateRow]:
    """Each regency template across the villages, in three queries whatever their number."""
    today = today or timezone.localdate()
    kinds = dict(
        Village.objects.real_villages()
        .exclude(status=Village.Status.ARCHIVED)
        .values_list("kind")
        .annotate(count=Count("pk"))
    )
    stats = {
        row["template_id"]: row
        for row in CatalogueService.objects.filter(template__isnull=False)
        .values("template_id")
        .annotate(
            listed=Count("pk", distinct=True),
            without_contact=Count("pk", filter=Q(phone="", whatsapp=""), distinct=True),
            broken=Count("pk", filter=Q(link_status=LinkStatus.BROKEN), distinct=True),
            answers=Count("feedback"),
            not_helpful=Count("feedback", filter=Q(feedback__helpful=False)),
        )
    }
    rows = []
    for template in VillageServiceTemplate.objects.order_by("title"):
        stat = stats.get(template.pk, {})
        rows.append(
            TemplateRow(
                template=template,
                villages=sum(kinds.get(kind, 0) for kind in template.kinds),
                listed=stat.get("listed", 0),
                without_contact=stat.get("without_contact", 0),
                broken=stat.get("broken", 0),
                answers=stat.get("answers", 0),
                not_helpful=stat.get("not_helpful", 0),
                stale=is_stale(template.reviewed_at, today=today),
            )
        )
    return rows
