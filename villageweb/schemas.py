"""Which side of the tenancy a page type belongs to.

Every Wagtail page model is installed everywhere, but portal pages have tables only in the public
schema and village pages only in village schemas; these mixins keep each out of the other's
"add page" menus.
"""

from urllib.parse import urlsplit

from wagtail.models.panels import CommentPanelPlaceholder, PanelPlaceholder

from tenants.isolation import in_public_schema
from tenants.models import site_url

__all__ = ["in_public_schema", "VillagePageMixin", "PortalPageMixin"]


# Wagtail's settings tab with the publishing schedule in quarter hours (villageweb/accounts/panels.py),
# named by dotted path as Wagtail names its own panels here (no admin import at model load).
SETTINGS_PANELS = [
    PanelPlaceholder("villageweb.accounts.panels.SchedulePanel", [], {}),
    CommentPanelPlaceholder(),
]


class FrameViewRestrictionsMixin:
    # Set on a page taken from a site's frame cache (villageweb.freshness.site_cache): its view restrictions
    # as they were when cached (a restriction change renews that cache).
    frame_view_restrictions = None

    def get_view_restrictions(self):
        """Wagtail checks these on every serve (two queries); a page from the frame cache brings them."""
        if self.frame_view_restrictions is not None:
            return self.frame_view_restrictions
        return super().get_view_restrictions()


class ServedAddressMixin:
    def get_url_parts(self, request=None):
        """Absolute links on the address the site is served at. Wagtail builds them from its Site's
        port (80 -> http, 443 -> https, any other -> http:port), which knows neither HTTPS behind a
        proxy nor the development port: a request for this site gives its own scheme and host, and
        without one VILLAGEWEB_URL_SCHEME and VILLAGEWEB_URL_PORT do (tenants.models.site_url)."""
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, root_url, page_path = parts
        hostname = urlsplit(root_url).hostname
        if request is not None and request.get_host().rsplit(":", 1)[0] == hostname:
            root_url = f"{request.scheme}://{request.get_host()}"
        elif hostname:
            root_url = site_url(hostname)
        return site_id, root_url, page_path


class VillagePageMixin(ServedAddressMixin, FrameViewRestrictionsMixin):
    settings_panels = SETTINGS_PANELS

    @classmethod
    def can_create_at(cls, parent):
        return not in_public_schema() and super().can_create_at(parent)


class PortalPageMixin(ServedAddressMixin, FrameViewRestrictionsMixin):
    settings_panels = SETTINGS_PANELS

    @classmethod
    def can_create_at(cls, parent):
        return in_public_schema() and super().can_create_at(parent)
