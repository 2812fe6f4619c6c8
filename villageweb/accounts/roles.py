"""The roles every village starts with, as Wagtail groups: Admin Desa, Operator, Kontributor and Atasan PPID.

Built once in the template schema (hook villageweb_template_build), so every cloned village has them;
other apps name the groups through these constants, never by their Indonesian names.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Workflow

GROUP_ADMIN = "Admin Desa"
GROUP_OPERATOR = "Operator"
GROUP_CONTRIBUTOR = "Kontributor"
# The head of the office (Kepala Desa, Lurah, Camat, the head of an OPD): PerKI 1/2018's "atasan PPID",
# who answers a citizen's objection (keberatan) to an answer or to a missed deadline. No page or media
# rights of its own: the Pengaduan inbox only (villageweb/cases/inbox).
GROUP_SUPERIOR = "Atasan PPID"
# Not a role but the one account Diskominfo's support log-in signs in as, in every village; it never
# has a usable password, and no operator tool may issue it one (provisioning.services.lifecycle).
SUPPORT_USERNAME = "dukungan-diskominfo"

PAGE_PERMISSIONS = {
    GROUP_ADMIN: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
    GROUP_OPERATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    GROUP_CONTRIBUTOR: ["add_page", "change_page"],
}
MEDIA_PERMISSIONS = {
    GROUP_ADMIN: ["add", "change", "choose", "delete"],
    GROUP_OPERATOR: ["add", "change", "choose", "delete"],
    GROUP_CONTRIBUTOR: ["add", "choose"],
}
# Model permissions beyond pages and media, by app label.
ADMIN_ONLY_APPS = ["auth", "wagtailforms", "wagtailredirects", "wagtailsettings"]
# Snippets (app label, model) that Admin Desa and Operator keep up to date: produk hukum, informasi publik.
SNIPPET_MODELS = [("village", "legalproduct"), ("village", "publicinformation")]
SNIPPET_EDITORS = [GROUP_ADMIN, GROUP_OPERATOR]


def _group(name: str, home: Page, root_collection: Collection) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in PAGE_PERMISSIONS[name]:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    for model in ("image", "document"):
        for action in MEDIA_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(codename=f"{action}_{model}"),
            )
    if name == GROUP_ADMIN:
        group.permissions.add(*Permission.objects.filter(content_type__app_label__in=ADMIN_ONLY_APPS))
    if name in SNIPPET_EDITORS:
        for app_label, model in SNIPPET_MODELS:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, content_type__model=model)
            )
    return group


def superior_group_ensure() -> Group:
    """The Atasan PPID group with admin access and nothing else (the template and migration
    accounts.0004 for sites made before it)."""
    group, _ = Group.objects.get_or_create(name=GROUP_SUPERIOR)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


def is_village_admin(user) -> bool:
    """Admin Desa or a superuser of this village: who may read the village's own audit screens."""
    return user.is_superuser or user.groups.filter(name=GROUP_ADMIN).exists()


@transaction.atomic
def village_roles_prepare() -> None:
    """Idempotently give the template its three groups, with rights on the home page's tree and the
    media collections, and the approval workflow handled by Admin Desa and Operator."""
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()
    home = Page.get_first_root_node().get_children().first()  # the village's home page
    root_collection = Collection.get_first_root_node()
    admin = _group(GROUP_ADMIN, home, root_collection)
    operator = _group(GROUP_OPERATOR, home, root_collection)
    _group(GROUP_CONTRIBUTOR, home, root_collection)
    superior_group_ensure()
    workflow = Workflow.objects.filter(active=True).first()
    if workflow is not None:
        workflow.name = "Persetujuan berita dan halaman"
        workflow.save(update_fields=["name"])
        for task in workflow.tasks.specific():
            if hasattr(task, "groups"):
                task.name = "Persetujuan Admin Desa atau Operator"
                task.save(update_fields=["name"])
                task.groups.set([admin, operator])
