"""Tulis Kabar in the admin: its URLs, a sidebar item and a panel at the top of the dashboard, shown
to whoever may add news under the village's Berita page (never on the portal)."""

import datetime

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from villageweb.news.demo import news_demo_fill
from villageweb.news.models import NewsPage
from villageweb.news.services.publishing import news_rights
from villageweb.news.template import news_template_build
from villageweb.news.views import news_index_for, news_write_saved_view, news_write_view
from villageweb.village.completeness import ChecklistItem

RECENT_NEWS_DAYS = 30


def _may_write(request) -> bool:
    index = news_index_for(request)
    return index is not None and news_rights(user=request.user, index=index).can_add


class NewsWriteMenuItem(MenuItem):
    def is_shown(self, request):
        return _may_write(request)


class NewsWritePanel(Component):
    name = "tulis_kabar"
    template_name = "news/panels/tulis_kabar_panel.html"
    order = 0

    def get_context_data(self, parent_context=None):
        return {"url": reverse("news_write")}


@hooks.register("register_admin_urls")
def register_news_write_urls():
    return [
        path("tulis-kabar/", news_write_view, name="news_write"),
        path("tulis-kabar/tersimpan/<int:page_id>/", news_write_saved_view, name="news_write_saved"),
    ]


@hooks.register("register_admin_menu_item")
def register_news_write_menu_item():
    return NewsWriteMenuItem("Tulis Kabar", reverse("news_write"), icon_name="edit", order=50)


@hooks.register("construct_homepage_panels")
def add_news_write_panel(request, panels):
    if _may_write(request):
        panels.append(NewsWritePanel())


# Provisioning's extension points (provisioning/hooks.py).
hooks.register("villageweb_template_build", news_template_build, order=40)
hooks.register("villageweb_demo_fill", news_demo_fill, order=30)


@hooks.register("villageweb_completeness_items", order=50)
def news_completeness_items(*, today: datetime.date) -> list[ChecklistItem]:
    """Site health's checklist (villageweb/health/completeness.py): news in the last 30 days."""
    since = today - datetime.timedelta(days=RECENT_NEWS_DAYS)
    return [
        ChecklistItem(
            "berita",
            f"Berita dalam {RECENT_NEWS_DAYS} hari terakhir",
            NewsPage.objects.live().filter(date__gte=since).exists(),
            "Terbitkan berita kegiatan desa setidaknya sebulan sekali.",
        )
    ]
