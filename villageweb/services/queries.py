"""What the catalogue pages, API and exports read: services with their provider and links, in a
constant number of queries (the provider roster is the portal's, kept per process)."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F

from tenants.models import Village
from villageweb.portal.federation.queries import ListedVillage, Listing, absolute, village_roster
from villageweb.services.models import SEARCH_CONFIG, CatalogueService
from villageweb.village.models.public_services import LIFE_EVENT_LABELS, LIFE_EVENTS

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PROVIDER_KIND_ORDER = {
    Village.Kind.OPD: 0,
    Village.Kind.KECAMATAN: 1,
    Village.Kind.DESA: 2,
    Village.Kind.KELURAHAN: 3,
}


@dataclass(frozen=True)
class Provider:
    kind: str
    code: str
    name: str
    url: str
    district_name: str


def provider_of(village: ListedVillage) -> Provider:
    return Provider(village.kind, village.code, village.display_name, village.site_url, village.district_name)


def search_query(text: str) -> SearchQuery | None:
    """Indonesian full text (websearch syntax): "akta kelahiran" finds "Akta Kelahiran", and
    "lahir" finds it too (the Snowball stemmer reduces both to `lahir`)."""
    text = text.strip()
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch") if text else None


def catalogue_services(*, query: str = "", provider_code: str = "", event: str = "", roster=None):
    """Listed services: the best matches first when searching, otherwise by name. Services of
    suspended and archived providers drop out (their rows stay for when they come back)."""
    roster = roster if roster is not None else village_roster()
    services = CatalogueService.objects.defer("search_vector").filter(provider_id__in=list(roster))
    if provider_code:
        services = services.filter(provider__code=provider_code)
    if event:
        services = services.filter(life_events__contains=[event])
    parsed = search_query(query)
    if parsed is not None:
        return (
            services.filter(search_vector=parsed)
            .annotate(rank=SearchRank(F("search_vector"), parsed))
            .order_by("-rank", "name", "id")
        )
    return services.order_by("name", "id")


def catalogue_page(services, *, number: int = 1, size: int = PAGE_SIZE, roster=None) -> Listing:
    """One page of services without counting them all; each gets `provider` and `url`."""
    number = max(1, number)
    size = min(max(1, size), MAX_PAGE_SIZE)
    start = (number - 1) * size
    rows = list(services[start : start + size + 1])
    roster = roster if roster is not None else village_roster()
    rows = [service_decorate(service, roster) for service in rows if service.provider_id in roster]
    return Listing(items=rows[:size], number=number, has_next=len(rows) > size)


def service_decorate(service: CatalogueService, roster) -> CatalogueService:
    village = roster[service.provider_id]
    service.provider_listed = provider_of(village)
    service.url = absolute(village.host, service.path)
    service.life_event_labels = [LIFE_EVENT_LABELS.get(event, event) for event in service.life_events]
    return service


def providers(roster=None) -> list[Provider]:
    """Every active provider with a site, OPDs first, then kecamatan, desa and kelurahan by name."""
    return [provider for provider, _ in _with_ids(roster if roster is not None else village_roster())]


def providers_with_services(roster=None) -> list[Provider]:
    roster = roster if roster is not None else village_roster()
    ids = set(CatalogueService.objects.values_list("provider_id", flat=True).distinct())
    return [provider for provider, village_id in _with_ids(roster) if village_id in ids]


def _with_ids(roster):
    villages = sorted(roster.values(), key=lambda v: (PROVIDER_KIND_ORDER.get(v.kind, 9), v.name))
    return [(provider_of(village), village.id) for village in villages]


def life_events() -> list[tuple[str, str]]:
    return LIFE_EVENTS
