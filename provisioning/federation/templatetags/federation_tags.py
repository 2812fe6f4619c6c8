from django import template

from provisioning.federation import queries

register = template.Library()


@register.simple_tag(takes_context=True)
def regency_announcements(context):
    """Today's regency announcements for the site being drawn, read from the public schema."""
    return queries.announcements_for(context.get("current_village"))
