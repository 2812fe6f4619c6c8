"""Which side of the tenancy a page type belongs to.

Every Wagtail page model is installed everywhere, but portal pages have tables only in the public
schema and village pages only in village schemas; these mixins keep each out of the other's
"add page" menus.
"""

from django.db import connection
from django_tenants.utils import get_public_schema_name


def in_public_schema() -> bool:
    return connection.schema_name == get_public_schema_name()


class VillagePageMixin:
    @classmethod
    def can_create_at(cls, parent):
        return not in_public_schema() and super().can_create_at(parent)


class PortalPageMixin:
    @classmethod
    def can_create_at(cls, parent):
        return in_public_schema() and super().can_create_at(parent)
