"""The office's contact details move from the Kontak page to the site's branding settings (one home).

Values a village typed on its Kontak page are kept: they fill the branding's empty fields before the
page's columns are dropped.
"""

from django.db import migrations

CONTACT_FIELDS = ("address", "phone", "whatsapp", "email", "office_hours")


def contact_details_to_branding(apps, schema_editor):
    ContactPage = apps.get_model("village", "ContactPage")
    VillageBranding = apps.get_model("themes", "VillageBranding")
    Site = apps.get_model("wagtailcore", "Site")
    # Values only: a historical form page cannot be instantiated (Wagtail's form __init__ needs
    # attributes that historical models lack).
    page = ContactPage.objects.order_by("pk").values(*CONTACT_FIELDS).first()
    site = Site.objects.filter(is_default_site=True).first()
    if page is None or site is None:
        return
    values = {name: value for name, value in page.items() if value}
    if not values:
        return
    branding, _ = VillageBranding.objects.get_or_create(site=site)
    for name, value in values.items():
        if not getattr(branding, name):
            setattr(branding, name, value)
    branding.save()


class Migration(migrations.Migration):
    dependencies = [
        ("village", "0002_village_page_types"),
        ("themes", "0001_village_branding"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(contact_details_to_branding, migrations.RunPython.noop, elidable=True),
        *(migrations.RemoveField(model_name="contactpage", name=name) for name in CONTACT_FIELDS),
    ]
