"""Wagtail's and Django's events, handed to `changes.py`.

Wagtail 8 publishes, unpublishes and moves pages in autocommit mode (wagtail/actions/
publish_revision.py saves the page, commits, then sends `page_published`): an index write that
failed there would leave the page live and the portal without it. Wagtail offers no hook or signal
before those actions and builds them by class name in its admin views (wagtail/admin/views/pages/
edit.py instantiates PublishPageRevisionAction itself), so the three actions' `execute` is wrapped
in a transaction here, once at start-up, which makes `page_changed` part of the action itself.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, PageViewRestriction, Revision
from wagtail.signals import page_published, page_unpublished, post_page_move

from themes.models import VillageBranding
from villageweb.publishing.changes import PageEvent, branding_changed, page_changed, page_edited

_ATOMIC_ACTIONS = (PublishPageRevisionAction, UnpublishPageAction, MovePageAction)


def publish_actions_make_atomic() -> None:
    for action in _ATOMIC_ACTIONS:
        if not getattr(action.execute, "_publishing_atomic", False):
            action.execute = transaction.atomic(action.execute)
            action.execute._publishing_atomic = True


def _published(sender, instance, **kwargs):
    page_changed(page=instance, event=PageEvent.PUBLISHED)


def _unpublished(sender, instance, **kwargs):
    page_changed(page=instance, event=PageEvent.UNPUBLISHED)


def _moved(sender, instance, url_path_before="", url_path_after="", **kwargs):
    page_changed(
        page=instance, event=PageEvent.MOVED, url_path_before=url_path_before, url_path_after=url_path_after
    )


def _deleted(sender, instance, **kwargs):
    page_changed(page=instance, event=PageEvent.DELETED)


def _restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        page_changed(page=page, event=PageEvent.RESTRICTED)


def _created(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        page_edited()


def _branding_saved(sender, instance, **kwargs):
    branding_changed()


def receivers_connect() -> None:
    page_published.connect(_published, dispatch_uid="publishing_published")
    page_unpublished.connect(_unpublished, dispatch_uid="publishing_unpublished")
    post_page_move.connect(_moved, dispatch_uid="publishing_moved")
    post_delete.connect(_deleted, sender=Page, dispatch_uid="publishing_deleted")
    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="publishing_restriction_saved"
    )
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="publishing_restriction_deleted"
    )
    post_save.connect(_created, sender=Revision, dispatch_uid="publishing_revision_created")
    post_save.connect(_created, sender=Page, dispatch_uid="publishing_page_created")
    post_save.connect(_branding_saved, sender=VillageBranding, dispatch_uid="publishing_branding_saved")
