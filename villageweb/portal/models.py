"""The regency portal's own pages (public schema)."""

from django.conf import settings
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from villageweb.freshness.portal_cache import MAX_PAGE_NUMBER, request_versions
from villageweb.freshness.site_cache import cached_for_site
from villageweb.portal.federation import queries
from villageweb.query_params import SEARCH_MAX_LENGTH, query_int, query_text
from villageweb.schemas import PortalPageMixin

LATEST_NEWS_ON_HOME = 6


class PortalHomePage(PortalPageMixin, Page):
    intro = RichTextField("pengantar", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "beranda portal"
        verbose_name_plural = "beranda portal"

    def structured_data(self, request) -> dict:
        """schema.org GovernmentOrganization: the regency government that runs the portal."""
        return {
            "@type": "GovernmentOrganization",
            "name": f"Pemerintah {settings.VILLAGEWEB_REGENCY_NAME}",
            "url": request.build_absolute_uri("/"),
        }

    def route(self, request, path_components):
        """Wagtail's routing, with the child page (two queries) kept in the portal's frame cache:
        every "Berita Desa" request passes through here, and any page change renews the cache."""
        if not path_components:
            return super().route(request, path_components)

        def child():
            found = self.get_children().filter(slug=path_components[0]).first()
            if found is None:
                return None, None  # "no such page" is cached too
            return found.specific, list(found.get_view_restrictions())

        subpage, restrictions = cached_for_site(request, f"child:{self.pk}:{path_components[0]}", child)
        if subpage is None:
            raise Http404
        subpage._cached_parent_obj = self
        subpage.frame_view_restrictions = restrictions
        return subpage.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        roster = queries.village_roster(request_versions(request))
        context["villages"] = queries.village_directory(roster=roster)
        context["active_villages"] = queries.active_villages_this_month(roster=roster)
        context["latest_news"] = queries.news_page(
            queries.news_items(), size=LATEST_NEWS_ON_HOME, roster=roster
        ).items
        context["news_index"] = VillageNewsIndexPage.objects.live().first()
        return context


class VillageNewsIndexPage(RoutablePageMixin, PortalPageMixin, Page):
    """'Berita Desa': every village's news, newest first, with a page per kecamatan."""

    intro = RichTextField("pengantar", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.PortalHomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "berita desa (portal)"
        verbose_name_plural = "berita desa (portal)"

    def _listing_context(self, request, *, district=None, all_districts=None):
        """Filters, kecamatan and one page of items; the kecamatan's villages with their latest
        news dates only on a kecamatan's own page (the index's filter lists just their names)."""
        roster = queries.village_roster(request_versions(request))
        all_districts = all_districts if all_districts is not None else queries.districts(roster)
        district_from_query = district is None
        if district is None:
            district = next(
                (item for item in all_districts if item.code == request.GET.get("kecamatan", "")), None
            )
        village_code = request.GET.get("desa", "").strip()
        query = query_text(request, "q", max_length=SEARCH_MAX_LENGTH)
        number = query_int(request, "halaman", default=1, minimum=1, maximum=MAX_PAGE_NUMBER)
        villages = []
        if district is not None:
            villages = queries.village_directory(
                district_code=district.code, roster=roster, with_last_news=not district_from_query
            )
        if village_code not in {village.code for village in villages}:
            village_code = ""
        items = queries.news_items(
            district_code=district.code if district else "", village_code=village_code, query=query
        )
        return {
            "index_url": self.get_url(request),
            "districts": all_districts,
            "district": district,
            "district_villages": villages,
            "village_code": village_code,
            "query": query,
            "listing": queries.news_page(items, number=number, roster=roster),
        }

    @path("")
    def news_all(self, request):
        context = self._listing_context(request)
        return self.render(request, context_overrides=context)

    @path("kecamatan/<slug:district_slug>/")
    def news_of_district(self, request, district_slug):
        all_districts = queries.districts(queries.village_roster(request_versions(request)))
        district = queries.district_by_slug(district_slug, all_districts)
        if district is None:
            raise Http404("Kecamatan tidak ditemukan")
        context = self._listing_context(request, district=district, all_districts=all_districts)
        return self.render(
            request,
            context_overrides=context,
            template="portal/village_news_district_page.html",
        )


class VillageDirectoryPage(PortalPageMixin, Page):
    """'Direktori Desa': every village's site with its kecamatan and latest news date."""

    intro = RichTextField("pengantar", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.PortalHomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "direktori desa"
        verbose_name_plural = "direktori desa"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        roster = queries.village_roster(request_versions(request))
        context["villages"] = queries.village_directory(roster=roster)
        news_index = VillageNewsIndexPage.objects.live().first()
        context["news_index_url"] = news_index.get_url(request) if news_index else ""  # once, not per row
        return context
