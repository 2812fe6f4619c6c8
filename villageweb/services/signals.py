"""Wagtail's page events, handed to the catalogue services (in the publish's own transaction:
villageweb/portal/federation/signals.py makes Wagtail's page actions atomic)."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from villageweb.services import services
from villageweb.village.models import ServiceIndexPage, ServicePage


def _page_published(sender, instance, **kwargs):
    if isinstance(instance, ServicePage):
        services.service_federate(page=instance)
    elif isinstance(instance, ServiceIndexPage):
        services.service_subtree_federate(page=instance)  # a new slug moves its services' addresses


def _page_unpublished(sender, instance, **kwargs):
    if isinstance(instance, ServicePage):
        services.service_withdraw(page_ids=[instance.pk])
    elif isinstance(instance, ServiceIndexPage):
        services.service_withdraw(
            page_ids=list(ServicePage.objects.child_of(instance).values_list("pk", flat=True))
        )


def _service_deleted(sender, instance, **kwargs):
    services.service_withdraw(page_ids=[instance.pk])


def _page_moved(sender, instance, **kwargs):
    if kwargs.get("url_path_before") != kwargs.get("url_path_after"):
        services.service_subtree_federate(page=instance)


def receivers_connect() -> None:
    page_published.connect(_page_published, dispatch_uid="layanan_page_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="layanan_page_unpublished")
    post_delete.connect(_service_deleted, sender=ServicePage, dispatch_uid="layanan_service_deleted")
    post_page_move.connect(_page_moved, dispatch_uid="layanan_page_moved")
