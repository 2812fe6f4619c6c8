"""The transparency board's part in provisioning's extension points (provisioning/hooks.py)."""

from wagtail import hooks

from villageweb.transparency.demo import disclosures_demo_fill

# Last: it measures what every other demo filler (budget, pages, cases) has put in.
hooks.register("villageweb_demo_fill", disclosures_demo_fill, order=80)
