from django.urls import path

from villageweb.accounts import views

urlpatterns = [
    path("akun/atur-kata-sandi/<str:token>/", views.password_setup, name="password_setup"),
]
