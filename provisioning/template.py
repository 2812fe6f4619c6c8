"""What every new village starts with: the contents of the template schema it is cloned from.

Everything placed here is copied into each village by the clone, so work done once here is work no
village provisioning has to repeat.
"""

from django.db import transaction
from wagtail.models import Page, Site

from villageweb.village.models import HomePage


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


@transaction.atomic
def village_template_prepare() -> None:
    """Idempotently shape the current schema (the template) into a new village's starting state."""
    home = _home_page()
    Site.objects.exclude(root_page=home).delete()
