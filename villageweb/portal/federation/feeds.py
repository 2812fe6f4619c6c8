"""Atom feeds of village news on the portal: all villages, and one per kecamatan."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from tenants.models import site_url
from villageweb.dates import news_published_at
from villageweb.freshness.portal_cache import request_versions
from villageweb.portal.federation import queries

FEED_SIZE = 50


@dataclass(frozen=True)
class FeedScope:
    """What a feed covers (a kecamatan, or None for all) and the village roster the request's
    versions name: Django hands this object to every feed method."""

    district: queries.District | None
    roster: dict


class VillageNewsFeed(Feed):
    feed_type = Atom1Feed
    language = "id"

    def get_object(self, request, district_slug=None):
        roster = queries.village_roster(request_versions(request))
        if district_slug is None:
            return FeedScope(None, roster)
        district = queries.district_by_slug(district_slug, queries.districts(roster))
        if district is None:
            raise Http404("Kecamatan tidak ditemukan")
        return FeedScope(district, roster)

    def title(self, scope):
        portal = settings.VILLAGEWEB_PORTAL_NAME
        district = scope.district
        return f"{portal}: Berita Desa Kecamatan {district.name}" if district else f"{portal}: Berita Desa"

    def subtitle(self, scope):
        return "Kabar terbaru dari situs resmi desa dan kelurahan."

    def link(self, scope):
        return site_url(settings.VILLAGEWEB_BASE_DOMAIN) + "/berita-desa/"

    def feed_url(self, scope):
        district = scope.district
        name, args = ("federation_district_feed", [district.slug]) if district else ("federation_feed", [])
        return site_url(settings.VILLAGEWEB_BASE_DOMAIN) + reverse(name, args=args)

    def items(self, scope):
        items = queries.news_items(district_code=scope.district.code if scope.district else "")
        return queries.news_page(items, size=FEED_SIZE, roster=scope.roster).items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.url

    def item_author_name(self, item):
        return item.listed_village.display_name

    def item_author_link(self, item):
        return item.listed_village.site_url

    def item_pubdate(self, item):
        return news_published_at(item.date)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [f"Kecamatan {item.listed_village.district_name}", *item.categories]
