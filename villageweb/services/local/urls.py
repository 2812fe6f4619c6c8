from django.urls import path

from villageweb.services.local import views

urlpatterns = [
    path("layanan-desa/", views.service_list, name="layanan_desa_list"),
    path("layanan-desa/umum/", views.service_edit, name="layanan_desa_defaults"),
    path("layanan-desa/<int:template_id>/", views.service_edit, name="layanan_desa_edit"),
]
