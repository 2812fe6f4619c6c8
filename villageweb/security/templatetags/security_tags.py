"""`{% inline_style %}…{% endinline_style %}`: an inline `<style>` element the Content-Security-Policy
allows by its SHA-256 (villageweb/security/headers.py), so public pages need no 'unsafe-inline'."""

from django import template
from django.utils.html import format_html

from villageweb.security.headers import inline_style_allow

register = template.Library()


class InlineStyleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        content = self.nodelist.render(context)
        inline_style_allow(context.get("request"), content)
        return format_html("<style>{}</style>", content)


@register.tag
def inline_style(parser, token):
    nodelist = parser.parse(("endinline_style",))
    parser.delete_first_token()
    return InlineStyleNode(nodelist)
