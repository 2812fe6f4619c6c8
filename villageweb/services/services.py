"""Keeping the catalogue in step with the providers' service pages; feedback; link checks.

Writers run inside a provider's schema (the publish, unpublish, move or delete that triggered them)
and write the public table through the search path, in the caller's transaction: a failed catalogue
write fails the publish with it, and the portal shows the change on its next request (the table's
triggers raise the portal's content version, villageweb/freshness/versions.py).
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Page

from tenants.models import Village
from villageweb.health.services import current_village
from villageweb.portal.federation.services import plain_text
from villageweb.services.models import (
    SEARCH_CONFIG,
    Application,
    CatalogueService,
    LinkStatus,
    ServiceFeedback,
)
from villageweb.village.models import ServiceIndexPage, ServicePage
from villageweb.whatsapp import whatsapp_number

logger = logging.getLogger(__name__)

REVIEW_EVERY_DAYS = 365  # a service unreviewed longer goes on its provider's reminder list

_COLUMNS = [
    "provider_id",
    "source_page_id",
    "template_id",
    "name",
    "slug",
    "summary",
    "path",
    "requirements",
    "procedure",
    "duration",
    "cost",
    "output",
    "legal_basis",
    "complaints",
    "place",
    "hours",
    "officer",
    "phone",
    "whatsapp",
    "online_url",
    "online_label",
    "life_events",
    "keywords",
    "reviewed_at",
    "updated_at",
]
# The link check's columns are kept on an edit, unless the online link itself changed.
_UPSERT_SQL = """
INSERT INTO {table} ({columns}, search_vector, link_status, link_problem)
VALUES ({placeholders},
        setweight(to_tsvector('{config}', %s), 'A')
        || setweight(to_tsvector('{config}', %s), 'B')
        || setweight(to_tsvector('{config}', %s), 'C'),
        'unchecked', '')
ON CONFLICT {conflict} DO UPDATE SET {updates},
    search_vector = EXCLUDED.search_vector,
    link_status = CASE WHEN {table}.online_url = EXCLUDED.online_url THEN {table}.link_status
                       ELSE 'unchecked' END,
    link_problem = CASE WHEN {table}.online_url = EXCLUDED.online_url THEN {table}.link_problem
                        ELSE '' END
"""


def _upsert_sql(conflict: str) -> str:
    return _UPSERT_SQL.format(
        table=CatalogueService._meta.db_table,
        columns=", ".join(_COLUMNS),
        placeholders=", ".join(["%s"] * len(_COLUMNS)),
        config=SEARCH_CONFIG,
        conflict=conflict,
        updates=", ".join(f"{column} = EXCLUDED.{column}" for column in _COLUMNS[3:]),
    )


# A row is one provider's page, or one regency template as one village gives it (the partial unique
# indexes of CatalogueService.Meta).
_UPSERT_PAGE = _upsert_sql("(provider_id, source_page_id) WHERE source_page_id IS NOT NULL")
_UPSERT_TEMPLATE = _upsert_sql("(provider_id, template_id) WHERE template_id IS NOT NULL")


@dataclass(frozen=True)
class ServiceRow:
    """What the catalogue keeps of one service: its components as plain text and lists."""

    provider: Village
    name: str
    slug: str
    summary: str
    path: str
    requirements: list[str]
    procedure: list[str]
    duration: str
    cost: str
    output: str
    legal_basis: list[str]
    complaints: str
    place: str
    hours: str
    officer: str
    phone: str
    whatsapp: str
    online_url: str
    online_label: str
    life_events: list[str]
    keywords: str
    reviewed_at: datetime.date | None
    updated_at: datetime.datetime
    source_page_id: int | None = None
    template_id: int | None = None

    def parameters(self) -> list:
        values = [self.provider.pk, self.source_page_id, self.template_id]
        values += [
            plain_text(self.name),
            self.slug,
            plain_text(self.summary),
            self.path,
            self.requirements,
            self.procedure,
            self.duration.strip(),
            self.cost.strip(),
            self.output.strip(),
            self.legal_basis,
            self.complaints.strip(),
            self.place.strip(),
            self.hours.strip(),
            self.officer.strip(),
            self.phone.strip(),
            whatsapp_number(self.whatsapp),
            self.online_url.strip(),
            self.online_label.strip(),
            list(self.life_events or []),
            self.keywords.strip(),
            self.reviewed_at,
            self.updated_at,
        ]
        weighted = [
            f"{plain_text(self.name)} {self.keywords}",
            " ".join([plain_text(self.summary), self.output, *self.requirements, self.provider.display_name]),
            " ".join([*self.procedure, *self.legal_basis]),
        ]
        return values + weighted


def catalogue_rows_write(rows: list[ServiceRow]) -> None:
    """Insert or update catalogue rows in the caller's transaction (the table's triggers raise the
    portal's content version). One statement per row, sent in one pipeline."""
    pages = [row.parameters() for row in rows if row.source_page_id is not None]
    templates = [row.parameters() for row in rows if row.template_id is not None]
    with connection.cursor() as cursor:
        if pages:
            cursor.executemany(_UPSERT_PAGE, pages)
        if templates:
            cursor.executemany(_UPSERT_TEMPLATE, templates)


def _public_path(page) -> str | None:
    """The page's path on its provider's site, or None when the public cannot read it there."""
    if not page.live or page.get_view_restrictions().exists():
        return None
    url_parts = page.get_url_parts()
    return url_parts[2] if url_parts else None


def service_federate(*, page: ServicePage, provider: Village | None = None) -> bool:
    """Bring the catalogue row of one service page in line with the page; True if it is listed."""
    provider = provider or current_village()
    if provider is None:
        return False
    path = _public_path(page)
    if path is None:
        service_withdraw(page_ids=[page.pk], provider=provider)
        return False
    catalogue_rows_write(
        [
            ServiceRow(
                provider=provider,
                source_page_id=page.pk,
                name=page.title,
                slug=page.slug,
                summary=page.intro,
                path=path,
                requirements=page.requirement_list,
                procedure=page.step_list,
                duration=page.duration,
                cost=page.cost,
                output=page.output,
                legal_basis=page.legal_basis_list,
                complaints=page.complaints,
                place=page.place,
                hours=page.hours,
                officer=page.officer,
                phone=page.phone,
                whatsapp=page.whatsapp,
                online_url=page.online_url,
                online_label=page.online_label,
                life_events=page.life_events,
                keywords=page.keywords,
                reviewed_at=page.reviewed_at,
                updated_at=page.last_published_at or timezone.now(),
            )
        ]
    )
    return True


def service_withdraw(*, page_ids, provider: Village | None = None) -> None:
    """Take service pages off the catalogue (unpublished, deleted, made private)."""
    provider = provider or current_village()
    if provider is None or not page_ids:
        return
    CatalogueService.objects.filter(provider=provider, source_page_id__in=list(page_ids)).delete()


def service_subtree_federate(*, page: Page, provider: Village | None = None) -> None:
    """Re-check every service page at or under `page` (after a move, a privacy change, a new slug)."""
    provider = provider or current_village()
    if provider is None:
        return
    for service in ServicePage.objects.descendant_of(page, inclusive=True):
        service_federate(page=service, provider=provider)


def service_page_changed(*, page, event: str, url_path_before: str = "", url_path_after: str = "") -> None:
    """The catalogue's part of a page event (villageweb.publishing.changes.page_changed): its rows
    follow the provider's service pages. `event` is one of villageweb.publishing.changes.PageEvent."""
    if event == "published":
        if isinstance(page, ServicePage):
            service_federate(page=page)
        elif isinstance(page, ServiceIndexPage):
            service_subtree_federate(page=page)  # a new slug moves its services' addresses
    elif event == "unpublished":
        if isinstance(page, ServicePage):
            service_withdraw(page_ids=[page.pk])
        elif isinstance(page, ServiceIndexPage):
            service_withdraw(page_ids=list(ServicePage.objects.child_of(page).values_list("pk", flat=True)))
    elif event == "deleted":
        # A deleted page arrives as its base Page row (post_delete): withdraw by id, whatever its type.
        service_withdraw(page_ids=[page.pk])
    elif event == "moved":
        if url_path_before != url_path_after:
            service_subtree_federate(page=page)
    elif event == "restricted":  # made private or public again: listed only while the public may read it
        service_subtree_federate(page=page)


@transaction.atomic
def catalogue_resync(*, provider: Village) -> int:
    """Rebuild one provider's catalogue rows from its schema; returns how many are listed."""
    listed = []
    with schema_context(provider.schema_name):
        for page in ServicePage.objects.live():
            if service_federate(page=page, provider=provider):
                listed.append(page.pk)
    CatalogueService.objects.filter(provider=provider, template__isnull=True).exclude(
        source_page_id__in=listed
    ).delete()
    return len(listed)


def feedback_record(*, service: CatalogueService, helpful: bool) -> ServiceFeedback:
    """Keep one "Apakah halaman ini membantu?" answer (nothing about who gave it)."""
    return ServiceFeedback.objects.create(service=service, helpful=helpful)


@dataclass(frozen=True)
class LinkResult:
    ok: bool
    problem: str = ""


def _status_set(queryset, *, result: LinkResult, now) -> list[str]:
    """Record a check on the rows of `queryset`; the schemas of providers whose status changed."""
    status = LinkStatus.OK if result.ok else LinkStatus.BROKEN
    changed = list(queryset.exclude(link_status=status).values_list("provider__schema_name", flat=True))
    queryset.update(link_status=status, link_checked_at=now, link_problem=result.problem[:200])
    return changed


def links_check(*, check) -> dict:
    """Check every distinct online link of the catalogue and every registered application once,
    with `check(url) -> LinkResult`; a broken link marks its services "sementara tidak tersedia
    daring" (the portal and the start page drop the "Mulai" button) until a later check finds it
    again. Returns counts of links checked and broken, and `changed`: the schemas of the providers
    whose start pages now show another status (the caller, the job, has their hosts purged; the
    portal's own cache follows from the table's version trigger)."""
    now = timezone.now()
    checked = broken = 0
    changed_schemas: set[str] = set()
    urls = set(CatalogueService.objects.exclude(online_url="").values_list("online_url", flat=True))
    urls |= set(Application.objects.values_list("url", flat=True))
    for url in sorted(urls):
        result = check(url)
        checked += 1
        broken += 0 if result.ok else 1
        with transaction.atomic():
            changed_schemas.update(
                _status_set(CatalogueService.objects.filter(online_url=url), result=result, now=now)
            )
            status = LinkStatus.OK if result.ok else LinkStatus.BROKEN
            Application.objects.filter(url=url).update(
                link_status=status, link_checked_at=now, link_problem=result.problem[:200]
            )
    return {"checked": checked, "broken": broken, "changed": sorted(changed_schemas)}


def services_to_review(*, today) -> list[ServicePage]:
    """The current provider's live services unreviewed for 12 months (its reminder list)."""
    from_date = today - datetime.timedelta(days=REVIEW_EVERY_DAYS)
    return list(
        ServicePage.objects.live()
        .filter(models.Q(reviewed_at__isnull=True) | models.Q(reviewed_at__lt=from_date))
        .order_by("title")
    )
