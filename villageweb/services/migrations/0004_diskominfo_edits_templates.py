from django.contrib.auth.management import create_permissions
from django.db import migrations


def permissions_grant(apps, schema_editor):
    """The Diskominfo group (provisioning 0002) keeps the regency's village services."""
    config = apps.get_app_config("layanan")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)  # made after migrate otherwise
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Diskominfo")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="layanan", content_type__model="villageservicetemplate"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0003_village_service_templates"),
        ("provisioning", "0002_diskominfo_group"),
    ]

    operations = [migrations.RunPython(permissions_grant, migrations.RunPython.noop)]
