"""URLs of a village site (any host that belongs to a village)."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

from provisioning.support.views import password_help, support_login
from villageweb.accounts import urls as accounts_urls
from villageweb.cases import urls as cases_urls
from villageweb.services.views import feedback as service_feedback
from villageweb.transparency import urls as transparency_urls
from villageweb.urls_common import admin_and_documents
from villageweb.village.views import site_search

urlpatterns = admin_and_documents + [
    path("", include(accounts_urls)),
    path("cari/", site_search, name="site_search"),
    path("", include(cases_urls)),
    path("", include(transparency_urls)),
    path("layanan-umpan-balik/<int:page_id>/", service_feedback, name="layanan_feedback"),
    path(
        "layanan-umpan-balik/kabupaten/<int:template_id>/", service_feedback, name="layanan_feedback_regency"
    ),
    path("dukungan-diskominfo/masuk/", support_login, name="support_login"),
    path("", include(wagtail_urls)),
]
# Before the admin's own: village accounts have no e-mail, so "Lupa kata sandi?" says whom to ask.
urlpatterns.insert(0, path("admin/password_reset/", password_help, name="wagtailadmin_password_reset"))

# A village whose database node is down (a Citus worker) answers its 503 page, not a 500.
handler500 = "tenants.views.server_error"
