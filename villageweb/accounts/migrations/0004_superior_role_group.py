"""The Atasan PPID group (villageweb/accounts/roles.py) in every provider site made before it; the
template gets it from village_roles_prepare too. Not in the public schema: the portal has no inbox."""

from django.db import migrations

GROUP_SUPERIOR = "Atasan PPID"  # villageweb.accounts.roles.GROUP_SUPERIOR, frozen here


def forward(apps, schema_editor):
    from django_tenants.utils import get_public_schema_name

    if getattr(schema_editor.connection, "schema_name", "") == get_public_schema_name():
        return
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_SUPERIOR)
    access = Permission.objects.filter(codename="access_admin").first()
    if access is not None:
        group.permissions.add(access)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_reminderpreference"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
