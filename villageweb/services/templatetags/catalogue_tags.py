from django import template

from villageweb.services.dashboard import regency_templates

register = template.Library()


@register.simple_tag
def regency_template_rows():
    """The regency templates' lines of Diskominfo's catalogue dashboard."""
    return regency_templates()
