"""Themes' and branding's part in provisioning (provisioning/hooks.py) and the 503 page."""

from wagtail import hooks

from themes.demo import branding_demo_fill
from themes.services import branding_contact, branding_template_prepare, village_branding_create

# Provisioning's extension points (provisioning/hooks.py), and the suspended village's 503 page
# (tenants/views.py), which reads the contact details kept in the branding.
hooks.register("villageweb_template_build", branding_template_prepare, order=70)
hooks.register("villageweb_village_setup", village_branding_create, order=30)
hooks.register("villageweb_demo_fill", branding_demo_fill, order=60)
hooks.register("villageweb_village_contact", branding_contact)
