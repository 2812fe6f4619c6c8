from django import template
from django.utils import timezone

from villageweb.freshness.site_cache import cached_for_site
from villageweb.portal.federation import queries

register = template.Library()


@register.simple_tag(takes_context=True)
def regency_announcements(context):
    """Today's regency announcements for the site being drawn, read from the public schema."""
    village = context.get("current_village")
    return cached_for_site(
        context.get("request"),
        f"announcements:{timezone.localdate().isoformat()}",
        lambda: queries.announcements_for(village),
    )
