"""Which theme and branding a site is drawn with, and the branding every new village starts with."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Site

from themes.models import VillageBranding
from themes.regency.models import regency_policy
from themes.registry import Theme, theme_get
from villageweb.accounts.roles import GROUP_ADMIN
from villageweb.freshness.site_cache import cached_for_site


def branding_for_request(request) -> VillageBranding | None:
    """The branding of the request's Wagtail site (cached on the request, and on the portal until
    its frame changes: villageweb.freshness.site_cache), or None off any site."""
    if Site.find_for_request(request) is None:
        return None
    return cached_for_site(request, "branding", lambda: VillageBranding.for_request(request))


def branding_contact(*, village) -> VillageBranding | None:
    """The contact details a village keeps in its branding (hook villageweb_village_contact: the suspended
    page shows them). Runs inside the village's schema; None when the village has not saved any."""
    return VillageBranding.objects.order_by("pk").first()


def theme_resolve(*, branding: VillageBranding | None) -> Theme:
    """A regency lock wins; otherwise the village's choice; otherwise the regency default."""
    policy = regency_policy()
    if policy.locked or branding is None or not branding.theme:
        return theme_get(policy.default_theme)
    return theme_get(branding.theme)


@transaction.atomic
def branding_template_prepare() -> None:
    """Template builder: let each village's admins edit their own branding (idempotent)."""
    group = Group.objects.filter(name=GROUP_ADMIN).first()
    if group is not None:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="themes", codename="change_villagebranding")
        )


def village_branding_create(*, village) -> VillageBranding:
    """Setup hook: a new village starts in the regency's current default theme."""
    site = Site.objects.get(is_default_site=True)
    branding, _ = VillageBranding.objects.update_or_create(
        site=site, defaults={"theme": regency_policy().default_theme}
    )
    return branding
