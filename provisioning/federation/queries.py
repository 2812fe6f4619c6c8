"""What the portal reads: federated news, villages and announcements, each in a constant number
of queries however many villages there are.

Links are joined at query time from each village's current primary domain and the stored paths,
so a renamed subdomain changes every link at once; suspended and archived villages drop out here
and come back when they are active again.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.text import slugify

from provisioning.federation.models import SEARCH_CONFIG, FederatedNewsItem, RegencyAnnouncement
from tenants.models import Domain, Village, site_url

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class District:
    code: str
    name: str

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class Listing:
    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _primary_host(village_ref: str) -> Subquery:
    return Subquery(Domain.objects.filter(tenant=OuterRef(village_ref), is_primary=True).values("domain")[:1])


def absolute(host: str | None, path: str) -> str:
    if not path or not host or path.startswith(("http://", "https://")):
        return path
    return site_url(host) + path


def news_items(*, district_code: str = "", village_code: str = "", query: str = ""):
    """Listed items, pinned first then newest first, with `host` (the village's primary domain)."""
    items = (
        FederatedNewsItem.objects.filter(hidden=False, village__status=Village.Status.ACTIVE)
        .select_related("village")
        .annotate(host=_primary_host("village_id"))
        .defer("search_vector")
        .order_by("-pinned", "-date", "-first_published_at", "-id")
    )
    if district_code:
        items = items.filter(village__district_code=district_code)
    if village_code:
        items = items.filter(village__code=village_code)
    if query.strip():
        items = items.filter(
            search_vector=SearchQuery(query.strip(), config=SEARCH_CONFIG, search_type="websearch")
        )
    return items


def news_page(items, *, number: int = 1, size: int = PAGE_SIZE) -> Listing:
    """One page of items without counting them all: one query, whatever the size of the index."""
    number = max(1, number)
    size = min(max(1, size), MAX_PAGE_SIZE)
    start = (number - 1) * size
    rows = list(items[start : start + size + 1])
    for item in rows:
        item.url = absolute(item.host, item.path)
        item.thumbnail_url = absolute(item.host, item.thumbnail_path)
    return Listing(items=rows[:size], number=number, has_next=len(rows) > size)


def districts() -> list[District]:
    """The kecamatan that have an active village, by name."""
    rows = (
        Village.objects.villages()
        .filter(status=Village.Status.ACTIVE)
        .exclude(district_code="")
        .values_list("district_code", "district_name")
        .distinct()
        .order_by("district_name", "district_code")
    )
    return [District(code, name) for code, name in rows]


def regency_districts() -> list[District]:
    """Every kecamatan of the regency, from the Kemendagri list shipped with provisioning."""
    import csv

    from django.conf import settings

    with open(settings.BASE_DIR / "provisioning" / "data" / "tuban_villages.csv", encoding="utf-8") as source:
        rows = {(row["district_code"], row["district_name"]) for row in csv.DictReader(source)}
    return sorted((District(code, name) for code, name in rows), key=lambda district: district.name)


def district_by_slug(slug: str, all_districts: list[District]) -> District | None:
    return next((district for district in all_districts if district.slug == slug), None)


def village_directory(*, district_code: str = ""):
    """Active villages with their link and the date of their latest listed news."""
    villages = (
        Village.objects.villages()
        .filter(status=Village.Status.ACTIVE)
        .annotate(
            host=_primary_host("pk"),
            # The newest listed item through the (village, -date) index, not a GROUP BY of all items.
            last_news_date=Subquery(
                FederatedNewsItem.objects.filter(village=OuterRef("pk"), hidden=False)
                .order_by("-date")
                .values("date")[:1]
            ),
        )
        .order_by("district_name", "name")
    )
    if district_code:
        villages = villages.filter(district_code=district_code)
    rows = list(villages)
    for village in rows:
        village.site_url = absolute(village.host, "/")
    return rows


def announcements_for(village: Village | None, *, today=None):
    """Regency announcements showing today on a village's site (all of them on the portal)."""
    today = today or timezone.localdate()
    announcements = RegencyAnnouncement.objects.filter(start_date__lte=today, end_date__gte=today)
    if village is not None and village.is_village:
        announcements = announcements.filter(
            Q(district_codes=[]) | Q(district_codes__contains=[village.district_code])
        )
    return list(announcements)
