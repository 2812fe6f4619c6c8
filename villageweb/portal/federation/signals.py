"""Wagtail's page events, handed to the federation services.

Wagtail 8 publishes, unpublishes and moves pages in autocommit mode (wagtail/actions/
publish_revision.py saves the page, commits, then sends `page_published`): an index write that
failed there would leave the page live and the portal without it. So the three actions run in one
transaction here, which makes the receivers below part of the publish itself.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, PageViewRestriction, Revision
from wagtail.signals import page_published, page_unpublished, post_page_move

from themes.models import VillageBranding
from villageweb.news.models import NewsPage
from villageweb.portal.federation import services

_ATOMIC_ACTIONS = (PublishPageRevisionAction, UnpublishPageAction, MovePageAction)


def publish_actions_make_atomic() -> None:
    for action in _ATOMIC_ACTIONS:
        if not getattr(action.execute, "_federation_atomic", False):
            action.execute = transaction.atomic(action.execute)
            action.execute._federation_atomic = True


def _page_published(sender, instance, **kwargs):
    services.village_summary_refresh()
    if isinstance(instance, NewsPage):
        services.news_federate(page=instance)
    elif not instance.is_site_root() and NewsPage.objects.descendant_of(instance).exists():
        # A new slug on a section moves the addresses of the news under it.
        services.news_subtree_federate(page=instance)


def _page_unpublished(sender, instance, **kwargs):
    services.village_summary_refresh()
    if isinstance(instance, NewsPage):
        services.news_withdraw(page_ids=[instance.pk])


def _news_page_deleted(sender, instance, **kwargs):
    services.news_withdraw(page_ids=[instance.pk])


def _page_deleted(sender, instance, **kwargs):
    services.village_summary_refresh()


def _branding_saved(sender, instance, **kwargs):
    services.village_summary_refresh()


def _created(sender, instance, created, **kwargs):
    """A new revision is an edit, a new page one more page (drafts count: the editors are at work)."""
    if created and not kwargs.get("raw"):
        # The Kelengkapan score reads live content only: publish and unpublish measure it.
        services.village_summary_refresh(completeness=False)


def _page_moved(sender, instance, **kwargs):
    if kwargs.get("url_path_before") != kwargs.get("url_path_after"):
        services.news_subtree_federate(page=instance)


def _view_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        services.news_subtree_federate(page=page)


def receivers_connect() -> None:
    page_published.connect(_page_published, dispatch_uid="federation_page_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="federation_page_unpublished")
    post_delete.connect(_news_page_deleted, sender=NewsPage, dispatch_uid="federation_news_deleted")
    post_save.connect(_created, sender=Revision, dispatch_uid="federation_revision_activity")
    post_save.connect(_created, sender=Page, dispatch_uid="federation_page_created_activity")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="federation_page_deleted_completeness")
    post_save.connect(
        _branding_saved, sender=VillageBranding, dispatch_uid="federation_branding_completeness"
    )
    post_page_move.connect(_page_moved, dispatch_uid="federation_page_moved")
    post_save.connect(
        _view_restriction_changed, sender=PageViewRestriction, dispatch_uid="federation_restriction_saved"
    )
    post_delete.connect(
        _view_restriction_changed, sender=PageViewRestriction, dispatch_uid="federation_restriction_deleted"
    )
