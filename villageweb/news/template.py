"""The news section every new village starts with ("Berita"), and who may edit its categories.

Run by init_platform inside the template schema (hook villageweb_template_build); the schema clone
copies the result into each new village. Idempotent: an existing page is left as the template has it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from villageweb.accounts.roles import GROUP_ADMIN, GROUP_OPERATOR
from villageweb.news.models import NewsIndexPage
from villageweb.village.tree import section_index_ensure

# Village officials keep their own list of news categories.
CATEGORY_EDITOR_GROUPS = [GROUP_ADMIN, GROUP_OPERATOR]


@transaction.atomic
def news_template_build() -> None:
    section_index_ensure(
        model=NewsIndexPage,
        slug="berita",
        title="Berita",
        intro="Kabar kegiatan dan pembangunan desa, ditulis langsung oleh pemerintah desa.",
        description="Berita kegiatan, pembangunan, dan kehidupan warga desa.",
    )
    permissions = Permission.objects.filter(
        content_type__app_label="news",
        codename__in=["add_newscategory", "change_newscategory", "delete_newscategory"],
    )
    for group in Group.objects.filter(name__in=CATEGORY_EDITOR_GROUPS):
        group.permissions.add(*permissions)
