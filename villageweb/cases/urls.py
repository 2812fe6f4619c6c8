"""The citizen's case URLs, the same on every provider host and on the portal."""

from django.urls import path

from villageweb.cases import views

urlpatterns = [
    path("lacak/", views.case_track_view, name="case_track"),
    path("lacak/keberatan/", views.case_objection_view, name="case_objection"),
    path(
        "pengaduan/konfirmasi-surel/<str:token>/",
        views.notice_address_confirm_view,
        name="case_notice_confirm",
    ),
]
