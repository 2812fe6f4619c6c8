from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from tenants.isolation import PublicOnlyPermissionPolicy
from villageweb.portal.federation.admin import (
    AnnouncementViewSet,
    NewsItemViewSet,
    hidden_news_panel,
)
from villageweb.portal.federation.models import FederatedNewsItem, RegencyAnnouncement

# Items come only from villages' publishes: Diskominfo hides or pins them, never adds or deletes.
register_permission_policy(
    FederatedNewsItem,
    PublicOnlyPermissionPolicy(FederatedNewsItem, denied=["add", "delete"]),
    exact_class=True,
)
register_permission_policy(
    RegencyAnnouncement, PublicOnlyPermissionPolicy(RegencyAnnouncement), exact_class=True
)
register_snippet(NewsItemViewSet)
register_snippet(AnnouncementViewSet)


@hooks.register("construct_homepage_panels")
def add_hidden_news_panel(request, panels):
    panel = hidden_news_panel()
    if panel is not None:
        panels.append(panel)
