"""What the portal reads: federated news, villages and announcements, each in a constant number
of queries however many villages there are.

Links are joined at read time from each village's current primary domain and the stored paths,
so a renamed subdomain changes every link at once; suspended and archived villages drop out here
and come back when they are active again.

The active villages themselves (names, kecamatan, primary domains) change only when Diskominfo
provisions, renames or suspends one, so they are read once per such change into a roster that each
process keeps (`village_roster`), not joined into every listing.
"""

import csv
from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from tenants.models import Domain, Village, site_url
from villageweb.freshness.portal_cache import Versions, portal_versions, public_table
from villageweb.portal.federation.models import (
    SEARCH_CONFIG,
    FederatedNewsItem,
    RegencyAnnouncement,
    VillageCompleteness,
)

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


@dataclass(frozen=True)
class ListedVillage:
    """An active village as the portal lists it; `last_news_date` only where a listing asks for it."""

    id: int
    code: str
    name: str
    kind: str
    display_name: str
    district_code: str
    district_name: str
    host: str | None  # the primary domain
    last_news_date: date | None = None
    completeness: int | None = None  # Kelengkapan Situs score, as the daily upkeep last measured it

    @property
    def site_url(self) -> str:
        return absolute(self.host, "/")


def absolute(host: str | None, path: str) -> str:
    if not path or not host or path.startswith(("http://", "https://")):
        return path
    return site_url(host) + path


# (key, roster) of this process: one entry, replaced when the key changes.
_roster_memo: tuple[tuple, dict[int, ListedVillage]] | None = None


def _roster_read() -> dict[int, ListedVillage]:
    """Plain rows, not model instances: 328 villages are read whole after every change."""
    hosts = dict(Domain.objects.filter(is_primary=True).values_list("tenant_id", "domain"))
    rows = (
        Village.objects.villages()
        .filter(status=Village.Status.ACTIVE)
        .order_by("district_name", "name")
        .values_list("id", "code", "name", "kind", "district_code", "district_name")
    )
    return {
        village_id: ListedVillage(
            id=village_id,
            code=code,
            name=name,
            kind=kind,
            display_name=Village.display_name_of(kind, name),
            district_code=district_code,
            district_name=district_name,
            host=hosts.get(village_id),
        )
        for village_id, code, name, kind, district_code, district_name in rows
    }


def village_roster_forget() -> None:
    """Drop this process's roster (tests, and the benchmark's cold state)."""
    global _roster_memo
    _roster_memo = None


def village_roster(versions: Versions | None = None, *, fresh: bool = False) -> dict[int, ListedVillage]:
    """Active villages by id, in (kecamatan, name) order: no query while nothing changed.

    `versions`: the request's portal versions (cache.request_versions), read here if not given.
    The roster is kept under their site version, which the village and domain UPDATE/DELETE
    triggers raise (migration federation 0004), and the village rows' count and highest id, which
    every committed INSERT changes (ids are never reused, so a rolled-back insert cannot alias a
    new one).
    """
    global _roster_memo
    key = (versions or portal_versions()).roster_key
    if not fresh and _roster_memo is not None and _roster_memo[0] == key:
        return _roster_memo[1]
    roster = _roster_read()
    _roster_memo = (key, roster)
    return roster


def news_items(*, district_code: str = "", village_code: str = "", query: str = ""):
    """Listed items, pinned first then newest first; `news_page` adds each one's village and links.

    An item dated after today is left out until its date (the cached portal pages are keyed by the
    day, villageweb.freshness.portal_cache, so it appears on the first request of that day)."""
    items = (
        FederatedNewsItem.objects.filter(
            hidden=False, village__status=Village.Status.ACTIVE, date__lte=timezone.localdate()
        )
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


def news_page(items, *, number: int = 1, size: int = PAGE_SIZE, roster=None) -> Listing:
    """One page of items without counting them all: one query, whatever the size of the index.

    Each item gets `listed_village` (from `roster`, read here if not given), `url` and
    `thumbnail_url` on its village's primary domain.
    """
    number = max(1, number)
    size = min(max(1, size), MAX_PAGE_SIZE)
    start = (number - 1) * size
    rows = list(items[start : start + size + 1])
    roster = roster if roster is not None else village_roster()
    if any(item.village_id not in roster for item in rows):
        roster = village_roster(fresh=True)  # activated between the roster's key and the listing
    for item in rows:
        item.listed_village = roster.get(item.village_id)
        item.host = item.listed_village.host if item.listed_village else None
        item.url = absolute(item.host, item.path)
        item.thumbnail_url = absolute(item.host, item.thumbnail_path)
    rows = [item for item in rows if item.listed_village is not None]
    return Listing(items=rows[:size], number=number, has_next=len(rows) > size)


def districts(roster=None) -> list[District]:
    """The kecamatan that have an active village, by name."""
    roster = roster if roster is not None else village_roster()
    rows = {(village.district_code, village.district_name) for village in roster.values()}
    return [District(code, name) for code, name in sorted(rows, key=lambda row: (row[1], row[0])) if code]


def regency_districts() -> list[District]:
    """Every kecamatan of the regency, from the Kemendagri list shipped with provisioning."""
    with open(settings.BASE_DIR / "provisioning" / "data" / "tuban_villages.csv", encoding="utf-8") as source:
        rows = {(row["district_code"], row["district_name"]) for row in csv.DictReader(source)}
    return sorted((District(code, name) for code, name in rows), key=lambda district: district.name)


def district_by_slug(slug: str, all_districts: list[District]) -> District | None:
    return next((district for district in all_districts if district.slug == slug), None)


def village_directory(
    *, district_code: str = "", roster=None, with_last_news: bool = True
) -> list[ListedVillage]:
    """Active villages (all, or one kecamatan's) by kecamatan and name, with the date of their
    latest listed news unless `with_last_news` is false."""
    roster = roster if roster is not None else village_roster()
    villages = [
        village for village in roster.values() if not district_code or village.district_code == district_code
    ]
    if not with_last_news:
        return villages
    ids = [village.id for village in villages]
    newest = _latest_news_dates(ids)
    scores = dict(VillageCompleteness.objects.filter(village_id__in=ids).values_list("village_id", "score"))
    return [
        replace(village, last_news_date=newest.get(village.id), completeness=scores.get(village.id))
        for village in villages
    ]


def _latest_news_dates(village_ids: list[int]) -> dict[int, date]:
    """Each village's newest listed news date: one index probe per village on (village, -date),
    not a GROUP BY over every item."""
    if not village_ids:
        return {}
    items = public_table(FederatedNewsItem._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT village.id, (SELECT item.date FROM {items} item "
            "WHERE item.village_id = village.id AND NOT item.hidden AND item.date <= %s "
            "ORDER BY item.date DESC LIMIT 1) "
            "FROM unnest(%s) AS village(id)",
            [timezone.localdate(), village_ids],
        )
        return {village_id: newest for village_id, newest in cursor.fetchall() if newest is not None}


def announcements_for(village: Village | None, *, today=None):
    """Regency announcements showing today on a village's site (all of them on the portal)."""
    today = today or timezone.localdate()
    announcements = RegencyAnnouncement.objects.filter(start_date__lte=today, end_date__gte=today)
    if village is not None and village.is_village:
        announcements = announcements.filter(
            Q(district_codes=[]) | Q(district_codes__contains=[village.district_code])
        )
    return list(announcements)


@dataclass(frozen=True)
class ActiveVillage:
    district_name: str
    village: ListedVillage
    news_count: int


def active_villages_this_month(*, roster=None, today: date | None = None) -> list[ActiveVillage]:
    """ "Desa aktif bulan ini": in each kecamatan, the village with the most news dated this month
    (ties: the one with the newer latest item). One query whatever the number of villages."""
    today = today or timezone.localdate()
    roster = roster if roster is not None else village_roster()
    items = public_table(FederatedNewsItem._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT item.village_id, count(*), max(item.date) FROM {items} item "
            "WHERE NOT item.hidden AND item.date BETWEEN %s AND %s GROUP BY item.village_id",
            [today.replace(day=1), today],
        )
        counts = cursor.fetchall()
    best: dict[str, tuple] = {}
    for village_id, count, newest in counts:
        village = roster.get(village_id)
        if village is None:
            continue
        key = (count, newest, village.name)
        if village.district_code not in best or key > best[village.district_code][0]:
            best[village.district_code] = (key, village)
    rows = [ActiveVillage(village.district_name, village, key[0]) for key, village in best.values()]
    return sorted(rows, key=lambda row: row.district_name)
