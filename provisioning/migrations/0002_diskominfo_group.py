from django.db import migrations


def group_create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Diskominfo")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))


class Migration(migrations.Migration):
    """Portal users in this group see the "Desa" menu (villages, lifecycle, health, support access)."""

    dependencies = [
        ("provisioning", "0001_exports_and_support_grants"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(group_create, migrations.RunPython.noop)]
