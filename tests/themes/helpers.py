"""Setting a village's branding and the regency's theme policy in tests."""

from wagtail.models import Site

from themes.models import VillageBranding
from themes.regency.models import RegencyTheme

from ..factories import in_village


def branding_set(village, **fields) -> VillageBranding:
    with in_village(village):
        branding = VillageBranding.objects.get(site=Site.objects.get(is_default_site=True))
        for name, value in fields.items():
            setattr(branding, name, value)
        branding.full_clean()
        branding.save()
        return branding


def regency_theme_set(*, default_theme: str, locked: bool = False) -> None:
    row = RegencyTheme.objects.first() or RegencyTheme()
    row.default_theme = default_theme
    row.locked = locked
    row.save()


def stylesheet_of(response) -> str:
    """The theme a page is drawn in, as the visitor's browser sees it: its stylesheet's folder."""
    text = response.text
    start = text.index('href="/static/themes/') + len('href="/static/themes/')
    return text[start : text.index("/", start)]
