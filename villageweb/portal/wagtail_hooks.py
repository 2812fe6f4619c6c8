"""The portal's part in provisioning (provisioning/hooks.py)."""

from wagtail import hooks

from villageweb.portal.setup import portal_pages_ensure

# Provisioning's extension point (provisioning/hooks.py): init_platform, in the public schema.
hooks.register("villageweb_portal_build", portal_pages_ensure, order=10)
