from django.urls import path

from villageweb.transparency import views

urlpatterns = [
    path("transparansi/", views.transparency_board, name="transparency_board"),
    path("api/v1/transparansi/", views.transparency_api, name="transparency_api"),
]
