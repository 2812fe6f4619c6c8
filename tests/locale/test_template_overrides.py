"""Our copies of Wagtail templates exist only to translate what Wagtail left untranslated.

When a Wagtail upgrade fixes a string or changes the template, these fail so the copy is removed
or refreshed instead of silently hiding Wagtail's changes.
"""

import re
from pathlib import Path

import pytest
import wagtail

from villageweb.settings.base import BASE_DIR

WAGTAIL_DIR = Path(wagtail.__file__).parent
OVERRIDES = {
    "wagtailadmin/shared/headers/_actions.html": ("admin", 'aria-label="Actions"'),
    "wagtailadmin/workflows/includes/workflow_pages_form.html": (
        "admin",
        "{% formattedfield field=form.page sr_only_label=True %}",
    ),
    "wagtailusers/groups/includes/page_permissions_form.html": (
        "users",
        "{% formattedfield field=form.page sr_only_label=True %}",
    ),
}


@pytest.mark.parametrize("template", OVERRIDES)
def test_overridden_wagtail_template_still_has_the_untranslated_string(template):
    app, untranslated = OVERRIDES[template]
    upstream = (WAGTAIL_DIR / app / "templates" / template).read_text()
    assert untranslated in upstream, f"Wagtail fixed {template}: remove villageweb/templates/{template}"


@pytest.mark.parametrize("template", OVERRIDES)
def test_override_differs_from_wagtail_only_in_translation(template):
    app, untranslated = OVERRIDES[template]
    upstream_lines = {
        line.strip() for line in (WAGTAIL_DIR / app / "templates" / template).read_text().splitlines()
    }
    ours = (BASE_DIR / "villageweb" / "templates" / template).read_text()
    ours = re.sub(r"\{% comment %\}.*?\{% endcomment %\}", "", ours, flags=re.DOTALL)
    ours_lines = {line.strip() for line in ours.splitlines()}
    assert untranslated not in ours
    assert len(upstream_lines - ours_lines) == 1, "Wagtail changed this template: refresh our copy"
