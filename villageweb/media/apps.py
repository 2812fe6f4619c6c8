from django.apps import AppConfig


class MediaConfig(AppConfig):
    """Storage backends, quota, full-disk handling and photo metadata (no models)."""

    name = "villageweb.media"
    label = "media"
    verbose_name = "Berkas desa"

    def ready(self):
        from villageweb.media import image_metadata

        image_metadata.receivers_connect()
