"""Announcements' part in provisioning (provisioning/hooks.py)."""

from wagtail import hooks

from villageweb.announcements.demo import announcements_demo_fill
from villageweb.announcements.template import announcements_template_build

# Provisioning's extension points (provisioning/hooks.py).
hooks.register("villageweb_template_build", announcements_template_build, order=50)
hooks.register("villageweb_demo_fill", announcements_demo_fill, order=40)
