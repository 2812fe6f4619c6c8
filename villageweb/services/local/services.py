"""Actions on the regency's village services: a template saved (every village's catalogue row of
it follows, in the save's transaction), a village's override saved (its rows follow), a village
set up or its /layanan/ pages changed (its rows follow).

Freshness needs nothing here: a template is a public-only row, whose save bans every host and
raises the platform's version (the village pages read templates); an override is a row of the
village's own schema, whose save bans that village's hosts and the portal's and raises the
village's version (villageweb/freshness/frontcache.py's receivers). The catalogue rows written
here raise the portal's content version through their table's triggers.
"""

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from tenants.models import Village
from villageweb.health.services import current_village
from villageweb.services.local.models import ServiceOverride
from villageweb.services.local.regency import INDEX_SLUG, RegencyService, merge, templates_for
from villageweb.services.models import CatalogueService, VillageServiceTemplate
from villageweb.services.services import ServiceRow, catalogue_rows_write
from villageweb.village.models import ServiceIndexPage, ServicePage


def village_services(*, village: Village, templates=None) -> list[RegencyService]:
    """The regency's services as this village gives them (run in the village's schema), those it
    does not serve and those its own pages replace included, flagged."""
    templates = list(templates_for(village) if templates is None else templates)
    if not templates:
        return []
    overrides = {row.template_id: row for row in ServiceOverride.objects.all()}
    defaults = overrides.pop(None, None)
    own = set(
        ServicePage.objects.live()
        .filter(slug__in=[template.slug for template in templates])
        .values_list("slug", flat=True)
    )
    services = []
    for template in templates:
        service = merge(template=template, village=village, own=overrides.get(template.pk), defaults=defaults)
        service.superseded = template.slug in own
        services.append(service)
    return services


def _index_public() -> bool:
    """Whether the village's /layanan/ is published and open to everybody (else its services are
    nowhere to be read, and the catalogue does not send citizens there)."""
    return ServiceIndexPage.objects.live().public().filter(depth=3, slug=INDEX_SLUG).exists()


def _row(service: RegencyService) -> ServiceRow:
    return ServiceRow(
        provider=service.village,
        template_id=service.template_id,
        name=service.title,
        slug=service.slug,
        summary=service.intro,
        path=service.path,
        requirements=service.requirement_list,
        procedure=service.step_list,
        duration=service.duration,
        cost=service.cost,
        output=service.output,
        legal_basis=service.legal_basis_list,
        complaints=service.complaints,
        place=service.place,
        hours=service.hours,
        officer=service.officer,
        phone=service.phone,
        whatsapp=service.whatsapp,
        online_url=service.online_url,
        online_label=service.online_label,
        life_events=service.life_events,
        keywords=service.keywords,
        reviewed_at=service.reviewed_at,
        updated_at=service.updated_at,
    )


def _listed_rows(village: Village, templates) -> list[ServiceRow]:
    if not _index_public():
        return []
    return [
        _row(service) for service in village_services(village=village, templates=templates) if service.listed
    ]


def village_services_federate(*, village: Village, template_ids=None) -> int:
    """Bring this village's catalogue rows of the regency's services (all, or `template_ids`) in
    line with the templates and its overrides; run in the village's schema. Returns how many are
    listed."""
    templates = templates_for(village)
    if template_ids is not None:
        templates = templates.filter(pk__in=list(template_ids))
    rows = _listed_rows(village, templates)
    catalogue_rows_write(rows)
    stale = CatalogueService.objects.filter(provider=village, template__isnull=False).exclude(
        template_id__in=[row.template_id for row in rows]
    )
    if template_ids is not None:
        stale = stale.filter(template_id__in=list(template_ids))
    stale.delete()
    return len(rows)


def template_federate(*, template: VillageServiceTemplate) -> int:
    """Every village's catalogue row of one template, after the template changed (run from the
    portal): each village's overrides are read in its own schema, the rows written in one batch.
    Returns how many villages list it."""
    rows = []
    villages = Village.objects.real_villages().filter(kind__in=template.kinds).order_by("pk")
    for village in villages:
        with schema_context(village.schema_name):
            rows.extend(_listed_rows(village, [template]))
    catalogue_rows_write(rows)
    CatalogueService.objects.filter(template=template).exclude(
        provider_id__in=[row.provider.pk for row in rows]
    ).delete()
    return len(rows)


@transaction.atomic
def template_save(*, template: VillageServiceTemplate) -> VillageServiceTemplate:
    """Diskominfo's edit of a template: checked, saved, and on every village's listing and the
    portal when the transaction commits."""
    template.full_clean()
    template.save()
    template_federate(template=template)
    return template


@transaction.atomic
def override_save(
    *, village: Village, template: VillageServiceTemplate | None, values: dict
) -> ServiceOverride:
    """A village editor's details for one template (or, with `template` None, for every template):
    checked, saved in the village's own schema, and its catalogue rows follow. Run in the village's
    schema (its admin); `values` holds ServiceOverride.FIELDS and `not_served`."""
    if template is not None and village.kind not in template.kinds:
        raise ValueError("Templat ini tidak berlaku untuk jenis wilayah ini.")
    override = ServiceOverride.objects.filter(template_id=template.pk if template else None).first()
    override = override or ServiceOverride(template_id=template.pk if template else None)
    for name in (*ServiceOverride.FIELDS, "not_served"):
        if name in values:
            setattr(override, name, values[name])
    override.full_clean(validate_constraints=False)
    override.save()
    village_services_federate(village=village, template_ids=[template.pk] if template else None)
    return override


def village_regency_setup(*, village: Village) -> None:
    """A new village lists the regency's services at once (hook villageweb_village_setup)."""
    if village.is_village:
        village_services_federate(village=village)


def regency_page_changed(*, page, event: str, url_path_before: str = "", url_path_after: str = "") -> None:
    """The regency services' part of a page event (villageweb.publishing.changes.page_changed): a
    village's /layanan/ published, hidden or moved takes its regency services with it; a page of
    its own at a template's address replaces the template there (and gives it back when it goes)."""
    village = current_village()
    if village is None or not village.is_village:
        return
    if isinstance(page, ServiceIndexPage | ServicePage) or (event == "restricted" and page.depth <= 3):
        village_services_federate(village=village)
    elif event == "deleted" and (
        page.slug == INDEX_SLUG or templates_for(village).filter(slug=page.slug).exists()
    ):
        village_services_federate(village=village)


def override_for(*, template: VillageServiceTemplate | None) -> ServiceOverride:
    """The village's override of a template (or its defaults), unsaved and empty when there is none."""
    template_id = template.pk if template else None
    return ServiceOverride.objects.filter(template_id=template_id).first() or ServiceOverride(
        template_id=template_id, updated_at=timezone.now()
    )
