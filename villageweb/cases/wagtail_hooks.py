"""The cases app's part in provisioning's extension points (provisioning/hooks.py)."""

from wagtail import hooks

from villageweb.cases.demo import cases_demo_fill

# After every content app's demo (the cases reference the village's own pages and accounts).
hooks.register("villageweb_demo_fill", cases_demo_fill, order=70)
