"""What every new village starts with: the contents of the template schema it is cloned from.

Everything placed here is copied into each village by the clone, so work done once here is work no
village provisioning has to repeat.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
)

from villageweb.village.models import HomePage

GROUP_ADMIN = "Admin Desa"
GROUP_OPERATOR = "Operator"
GROUP_CONTRIBUTOR = "Kontributor"

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


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        for child in root.get_children():
            child.delete()
        home = root.add_child(
            instance=HomePage(
                title="Beranda",
                slug="beranda",
                greeting="<p>Tulis sambutan kepala desa di sini.</p>",
            )
        )
        home.save_revision().publish()
    return home


def _group(name: str, home: HomePage, root_collection: Collection) -> Group:
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


@transaction.atomic
def village_template_prepare() -> None:
    """Idempotently shape the current schema (the template) into a new village's starting state."""
    home = _home_page()
    Site.objects.exclude(root_page=home).delete()
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()
    root_collection = Collection.get_first_root_node()
    admin = _group(GROUP_ADMIN, home, root_collection)
    operator = _group(GROUP_OPERATOR, home, root_collection)
    _group(GROUP_CONTRIBUTOR, home, root_collection)
    workflow = Workflow.objects.filter(active=True).first()
    if workflow is not None:
        workflow.name = "Persetujuan berita dan halaman"
        workflow.save(update_fields=["name"])
        for task in workflow.tasks.specific():
            if hasattr(task, "groups"):
                task.name = "Persetujuan Admin Desa atau Operator"
                task.save(update_fields=["name"])
                task.groups.set([admin, operator])
