from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "villageweb.news"
    label = "news"
    verbose_name = "Berita desa"
