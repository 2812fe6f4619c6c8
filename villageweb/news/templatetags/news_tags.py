"""The home page's news section, computed here so HomePage stays unaware of the news app."""

from django import template
from django.utils import timezone

from villageweb.news.models import NewsIndexPage, NewsPage

register = template.Library()

HOME_NEWS_COUNT = 3


@register.inclusion_tag("news/includes/home_news.html")
def latest_news(count: int = HOME_NEWS_COUNT):
    return {
        "news_items": NewsPage.objects.live()
        .filter(date__lte=timezone.localdate())  # news dated ahead waits for its date
        .select_related("main_image")
        .order_by("-date", "-first_published_at")[:count],
        "index_page": NewsIndexPage.objects.live().first(),
    }
