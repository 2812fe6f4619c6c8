from django.apps import AppConfig


class AnnouncementsConfig(AppConfig):
    name = "villageweb.announcements"
    label = "announcements"
    verbose_name = "Pengumuman dan agenda"
