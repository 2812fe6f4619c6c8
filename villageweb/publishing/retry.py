"""A page's create form sent again after Wagtail already made the page (issue #27, item 5).

Wagtail 8 autosaves a new page: a few seconds into the create form it creates the page as a draft
and then turns the form into that page's edit form. On a weak signal that second step can be lost
(the answer never arrives), and the official's own "Simpan"/"Terbitkan" then posts the create form
again: Wagtail refuses it ("slug sudah dipakai") although the page in the way is the official's own
draft of a minute ago. Then the form is an edit of that draft, not a second page: the same request
goes to Wagtail's edit view, which checks permissions and conflicts as it always does.

Only the user's own fresh draft is taken over: same parent, same page type, same slug, owned and only
ever revised by this user, first saved within FRESH_DRAFT_AGE and never published. Any other page in
the way keeps Wagtail's refusal.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Revision

FRESH_DRAFT_AGE = timedelta(hours=2)


def own_fresh_draft(request, parent_page, page_class) -> Page | None:
    """The page a re-sent create form of `request` meant, if it is this user's own fresh draft."""
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    slug = request.POST.get("slug", "").strip() or slugify(request.POST.get("title", ""), allow_unicode=True)
    if not slug:
        return None
    sibling = parent_page.get_children().filter(slug=slug).first()
    if sibling is None or sibling.specific_class is not page_class:
        return None
    if sibling.live or sibling.first_published_at is not None or sibling.owner_id != request.user.pk:
        return None
    revisions = Revision.page_revisions.filter(object_id=str(sibling.pk))
    first = revisions.order_by("created_at").first()
    if first is None or first.created_at < timezone.now() - FRESH_DRAFT_AGE:
        return None
    if revisions.exclude(user_id=request.user.pk).exists():
        return None
    return sibling


def create_as_edit(request, parent_page, page_class):
    """before_create_page: hand a re-sent create form to the edit view of the draft it made."""
    draft = own_fresh_draft(request, parent_page, page_class)
    if draft is None:
        return None
    from wagtail.admin.views.pages.edit import EditView

    return EditView.as_view()(request, page_id=draft.pk)
