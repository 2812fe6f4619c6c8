"""Transparansi APBDes' part in provisioning (provisioning/hooks.py)."""

from wagtail import hooks

from villageweb.budget.demo import budget_demo_fill
from villageweb.budget.template import budget_template_build

# Provisioning's extension points (provisioning/hooks.py).
hooks.register("villageweb_template_build", budget_template_build, order=60)
hooks.register("villageweb_demo_fill", budget_demo_fill, order=50)
