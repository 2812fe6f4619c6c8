"""URLs of the regency portal (the base domain, public schema)."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

from villageweb.cases import urls as cases_urls
from villageweb.cases.views import case_file
from villageweb.portal.federation.api import api as federation_api
from villageweb.portal.federation.feeds import VillageNewsFeed
from villageweb.transparency import urls as transparency_urls
from villageweb.urls_common import admin_and_documents

urlpatterns = admin_and_documents + [
    path("", include(cases_urls)),
    path("", include(transparency_urls)),
    path("pengaduan/", case_file, name="case_file"),
    path("api/v1/", federation_api.urls),
    path("berita-desa/feed/", VillageNewsFeed(), name="federation_feed"),
    path(
        "berita-desa/kecamatan/<slug:district_slug>/feed/", VillageNewsFeed(), name="federation_district_feed"
    ),
    path("", include(wagtail_urls)),
]
