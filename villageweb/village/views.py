from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from tenants.models import site_url
from villageweb.query_params import SEARCH_MAX_LENGTH, query_text
from villageweb.village.listing import pages_public

RESULTS_PER_PAGE = 10


def site_search(request):
    """/cari/?q=...: this site's live, public pages, ranked by Wagtail's database search backend."""
    query = query_text(request, "q", max_length=SEARCH_MAX_LENGTH)
    results = None
    if query:
        site = Site.find_for_request(request)
        pages = pages_public(Page.objects)
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        paginator = Paginator(pages.search(query), RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("halaman"))
    # No wrong door: a citizen who searches a village site for "akta kelahiran" is sent on to the
    # regency's catalogue of every provider's services, searched for the same words. A link, not
    # the portal's results inline: this page then depends on this site's content only (its caches
    # are purged by this village's changes, docs/caching.md).
    catalogue_url = (
        site_url(settings.VILLAGEWEB_BASE_DOMAIN) + "/layanan/?" + urlencode({"q": query}) if query else None
    )
    return TemplateResponse(
        request,
        "village/search_results.html",
        {"query": query, "results": results, "catalogue_url": catalogue_url},
    )
