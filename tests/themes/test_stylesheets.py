"""The themes' stylesheets parse the way a browser parses them. A comment that holds `*/` (for instance
in a path like `apps/*/templates`) ends early; the browser then drops the next rule as an invalid
selector, which once made every form's "(wajib)" visible because `.visually-hidden` was lost. stylelint
(`npm run --prefix tests/browser lint:css`, run by .ci/run) catches the same class; this test keeps the
rule itself checked without node."""

import re
from pathlib import Path

import pytest

from themes.registry import THEMES

STATIC_ROOTS = [
    Path(__file__).resolve().parents[2] / folder
    for folder in ("themes", "tenants", "villageweb", "provisioning")
]
STYLESHEETS = sorted(
    path
    for root in STATIC_ROOTS
    for path in root.rglob("static/**/*.css")
    if "node_modules" not in path.parts
)
# CSS comments end at the first `*/`, whatever comes between (no nesting, no quoting).
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _rules(css: str) -> dict[str, str]:
    """Selector -> declarations for the plain rules, at top level or inside an at-rule block."""
    css = COMMENT.sub("", css)
    return {
        selector.strip(): body.strip()
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
        if not selector.strip().startswith("@")
    }


def test_the_stylesheet_checks_read_every_theme():
    """An empty list would skip every check below instead of failing."""
    assert {path.parent.name for path in STYLESHEETS} >= set(THEMES)


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_no_comment_of_a_stylesheet_ends_early(path):
    css = path.read_text()
    stray = COMMENT.sub("", css)
    assert "*/" not in stray, f"{path}: a comment holds '*/' and ends early; the rule after it is dropped"
    assert "/*" not in stray, f"{path}: a comment is never closed"


def test_the_visually_hidden_rule_is_a_rule_of_its_own():
    shared = Path(__file__).resolve().parents[2] / "themes/static/themes/_shared/components.css"
    declarations = _rules(shared.read_text()).get(".visually-hidden")
    assert declarations is not None, "components.css has no rule whose selector is exactly .visually-hidden"
    assert "position:absolute" in declarations.replace(" ", "")
    assert "width:1px" in declarations.replace(" ", "")
