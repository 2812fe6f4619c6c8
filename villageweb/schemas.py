"""Which side of the tenancy a page type belongs to.

Every Wagtail page model is installed everywhere, but portal pages have tables only in the public
schema and village pages only in village schemas; these mixins keep each out of the other's
"add page" menus.
"""

from tenants.isolation import in_public_schema

__all__ = ["in_public_schema", "VillagePageMixin", "PortalPageMixin"]


class FrameViewRestrictionsMixin:
    # Set on a page taken from a site's frame cache (villageweb.freshness.site_cache): its view restrictions
    # as they were when cached (a restriction change renews that cache).
    frame_view_restrictions = None

    def get_view_restrictions(self):
        """Wagtail checks these on every serve (two queries); a page from the frame cache brings them."""
        if self.frame_view_restrictions is not None:
            return self.frame_view_restrictions
        return super().get_view_restrictions()


class VillagePageMixin(FrameViewRestrictionsMixin):
    @classmethod
    def can_create_at(cls, parent):
        return not in_public_schema() and super().can_create_at(parent)


class PortalPageMixin(FrameViewRestrictionsMixin):
    @classmethod
    def can_create_at(cls, parent):
        return in_public_schema() and super().can_create_at(parent)
