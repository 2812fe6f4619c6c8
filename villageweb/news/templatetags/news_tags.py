"""The home page's news section, computed here so HomePage stays unaware of the news app."""

from django import template
from django.utils import timezone

from villageweb.freshness.site_cache import cached_for_site
from villageweb.news.models import NewsIndexPage, NewsPage

register = template.Library()

HOME_NEWS_COUNT = 3


@register.inclusion_tag("news/includes/home_news.html", takes_context=True)
def latest_news(context, count: int = HOME_NEWS_COUNT):
    today = timezone.localdate()

    def section():
        return {
            "news_items": list(
                NewsPage.objects.live()
                .filter(date__lte=today)  # news dated ahead waits for its date
                .select_related("main_image")
                .order_by("-date", "-first_published_at")[:count]
            ),
            "index_page": NewsIndexPage.objects.live().first(),
        }

    return cached_for_site(
        context.get("request"), f"home-news:{count}:{today.isoformat()}", section, page_only=True
    )


@register.simple_tag
def news_feed_url() -> str:
    """The village's Atom feed of news, for the home page's <link rel="alternate">."""
    index = NewsIndexPage.objects.live().first()
    return index.feed_url() if index else ""
