"""A regency template as one village gives it: the template's components with the village's own
details, the way a village's /layanan/ pages and the portal's catalogue show it.

The components of the standard that the law and the regency fix (requirements, procedure, time,
cost, output, legal basis, complaints) come from the template only; what each village knows better
comes, field by field, from the village's override of that template, else its defaults for every
service, else the template (`merge`).
"""

import datetime
import json
from dataclasses import dataclass, field

from django.db.models import QuerySet

from tenants.models import Village
from villageweb.services.local.models import ServiceOverride
from villageweb.services.models import VillageServiceTemplate
from villageweb.village.models.public_services import LIFE_EVENT_LABELS, text_lines
from villageweb.whatsapp import whatsapp_url

INDEX_SLUG = "layanan"  # the village's /layanan/ (a contract URL on every village host)


def templates_for(village: Village) -> QuerySet:
    """The templates that apply to a village of this kind (desa or kelurahan)."""
    if village.kind == Village.Kind.DESA:
        return VillageServiceTemplate.objects.filter(for_desa=True)
    if village.kind == Village.Kind.KELURAHAN:
        return VillageServiceTemplate.objects.filter(for_kelurahan=True)
    return VillageServiceTemplate.objects.none()


@dataclass
class RegencyService:
    """One template as one village gives it; its attributes are those of a ServicePage that the
    start page's template reads (villageweb/village/templates/village/includes/service_components.html)."""

    template: VillageServiceTemplate
    village: Village
    officer: str
    place: str
    hours: str
    phone: str
    whatsapp: str
    online_url: str
    online_label: str
    notes: str
    not_served: bool
    updated_at: datetime.datetime
    superseded: bool = False  # the village has a page of its own at the same address
    body: str = field(default="", repr=False)

    # The template's part.
    @property
    def template_id(self) -> int:
        return self.template.pk

    @property
    def title(self) -> str:
        return self.template.title

    @property
    def slug(self) -> str:
        return self.template.slug

    @property
    def intro(self) -> str:
        return self.template.intro

    @property
    def requirement_list(self) -> list[str]:
        return text_lines(self.template.requirements)

    @property
    def step_list(self) -> list[str]:
        return text_lines(self.template.steps)

    @property
    def legal_basis_list(self) -> list[str]:
        return text_lines(self.template.legal_basis)

    @property
    def duration(self) -> str:
        return self.template.duration

    @property
    def cost(self) -> str:
        return self.template.cost

    @property
    def output(self) -> str:
        return self.template.output

    @property
    def complaints(self) -> str:
        return self.template.complaints

    @property
    def life_events(self) -> list[str]:
        return list(self.template.life_events or [])

    @property
    def life_event_labels(self) -> list[str]:
        return [LIFE_EVENT_LABELS[event] for event in self.life_events if event in LIFE_EVENT_LABELS]

    @property
    def keywords(self) -> str:
        return self.template.keywords

    @property
    def reviewed_at(self) -> datetime.date | None:
        return self.template.reviewed_at

    # The village's part.
    @property
    def path(self) -> str:
        return f"/{INDEX_SLUG}/{self.slug}/"

    @property
    def whatsapp_link(self) -> str:
        return whatsapp_url(self.whatsapp, "")

    @property
    def feedback_url(self) -> str:
        return f"/layanan-umpan-balik/kabupaten/{self.template_id}/"

    @property
    def listed(self) -> bool:
        """Shown on the village's /layanan/ and in the portal's catalogue."""
        return not (self.not_served or self.superseded)


def _first(*values: str) -> str:
    return next((value.strip() for value in values if value and value.strip()), "")


def merge(
    *,
    template: VillageServiceTemplate,
    village: Village,
    own: ServiceOverride | None,
    defaults: ServiceOverride | None,
) -> RegencyService:
    """The template with the village's override of it (`own`) and its defaults for every service."""
    layers = [layer for layer in (own, defaults) if layer is not None]

    def pick(name: str, fallback: str = "") -> str:
        return _first(*(getattr(layer, name) for layer in layers), fallback)

    # The online link and its application's name go together: the first layer that names a link.
    online = next((layer for layer in layers if layer.online_url.strip()), None)
    stamps = [template.updated_at, *(layer.updated_at for layer in layers)]
    return RegencyService(
        template=template,
        village=village,
        officer=pick("officer", template.officer),
        place=pick("place", f"Kantor {village.display_name}"),
        hours=pick("hours", template.hours),
        phone=pick("phone"),
        whatsapp=pick("whatsapp"),
        online_url=online.online_url.strip() if online else "",
        online_label=online.online_label.strip() if online else "",
        notes=pick("notes"),
        not_served=bool(own and own.not_served),
        updated_at=max(stamp for stamp in stamps if stamp is not None),
    )


class RegencyServicePage:
    """A start page with no Wagtail page of its own: served by the village's /layanan/ page
    (ServiceIndexPage.route) at /layanan/<template slug>/, it stands in for `page` in the site's
    templates (title, menu, breadcrumbs below /layanan/, meta tags, structured data)."""

    template = "layanan_desa/regency_service_page.html"
    pk = None
    seo_title = ""
    main_image = None
    date = None

    def __init__(self, service: RegencyService, index):
        self.service = service
        self.index = index
        self.title = service.title
        self.intro = service.intro
        self.search_description = service.intro
        self.depth = index.depth + 1
        self.path = index.path  # the menu marks "Layanan" as the current section

    @property
    def specific(self):
        return self

    def get_ancestors(self, inclusive: bool = False):
        return self.index.get_ancestors(inclusive=True)

    def structured_data(self, request):
        """The GovernmentService JSON-LD comes with the catalogue's context (start page hook)."""
        return None


def jsonld_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
