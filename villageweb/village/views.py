from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

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
    return TemplateResponse(request, "village/search_results.html", {"query": query, "results": results})
