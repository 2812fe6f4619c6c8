"""The Atom feed of a village's news (/berita/feed/), with absolute links on the host that was asked."""

from django.contrib.syndication.views import Feed
from django.db import connection
from django.utils.feedgenerator import Atom1Feed

from villageweb.dates import news_published_at

FEED_SIZE = 20


class NewsAtomFeed(Feed):
    feed_type = Atom1Feed
    language = "id"

    def __init__(self, index_page):
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        village = getattr(connection, "tenant", None)
        return f"{obj.title} · {village.display_name}" if village else obj.title

    def subtitle(self, obj):
        return obj.intro or obj.title

    def author_name(self, obj):
        village = getattr(connection, "tenant", None)
        return f"Pemerintah {village.display_name}" if village else obj.title

    def link(self, obj):
        return obj.get_url(request=self.request)

    def feed_url(self, obj):
        return obj.feed_url()

    def items(self, obj):
        return obj.news_items().prefetch_related("categories")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_guid(self, item):
        return self.request.build_absolute_uri(item.get_url(request=self.request))

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return news_published_at(item.date)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]
