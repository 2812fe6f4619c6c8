from django.urls import path

from villageweb.cases.inbox import views

urlpatterns = [
    path("pengaduan/", views.inbox, name="cases_inbox"),
    path("pengaduan/pemberitahuan/", views.notice_addresses, name="cases_inbox_notices"),
    path("pengaduan/ekspor.csv", views.cases_export_csv, name="cases_inbox_export"),
    path("pengaduan/<int:case_id>/", views.case_detail, name="cases_inbox_case"),
    path("pengaduan/<int:case_id>/lapor.json", views.case_export, name="cases_inbox_case_export"),
    path("pengaduan/<int:case_id>/<slug:action>/", views.case_action, name="cases_inbox_action"),
]
