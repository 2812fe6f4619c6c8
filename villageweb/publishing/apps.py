from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What a change to a village's pages sets off (changes.py), and the receivers that start it."""

    name = "villageweb.publishing"
    label = "publishing"
    verbose_name = "Penerbitan"

    def ready(self):
        from villageweb.publishing import batch, signals

        signals.publish_actions_make_atomic()
        signals.receivers_connect()
        batch.receivers_connect()
