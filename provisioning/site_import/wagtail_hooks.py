"""Old links that carry their page in the query string (WordPress's /?p=12, /?page_id=7, /?cat=3):
the path is the new site's home, which answers 200, so Wagtail's redirect middleware (it acts on 404
answers only) never sees them. Before the home page is served, a redirect made by the import for
exactly this path and query answers instead."""

from django.http import HttpResponsePermanentRedirect
from wagtail import hooks
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

# Query keys of the old sites' addresses; any other query on the home page is the new site's own.
LEGACY_KEYS = {"p", "page_id", "cat", "tag", "attachment_id", "m", "author"}


@hooks.register("before_serve_page")
def legacy_query_redirect(page, request, serve_args, serve_kwargs):
    if not request.GET or not LEGACY_KEYS.intersection(request.GET):
        return None
    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    redirect = get_redirect(request, path)
    if redirect is None or redirect.link is None:
        return None
    return HttpResponsePermanentRedirect(redirect.link)
