"""Form fields of the public themes show a border a citizen can see (WCAG 1.4.11: at least 3:1)."""

import re
from pathlib import Path

from themes.colours import contrast_ratio
from themes.registry import THEMES as REGISTERED

THEMES = Path(__file__).resolve().parents[2] / "themes" / "static" / "themes"
FIELD_SELECTOR = "input:not([type=checkbox]):not([type=radio]):not([type=submit]),select,textarea"


def _declarations(css: str, selector: str) -> str:
    match = re.search(re.escape(selector) + r"\{([^}]*)\}", css)
    assert match, f"no rule for {selector}"
    return match.group(1)


def _six_digit(colour: str) -> str:
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def test_shared_field_rule_has_a_border_of_at_least_3_to_1_against_its_background():
    rule = _declarations((THEMES / "_shared" / "components.css").read_text(), FIELD_SELECTOR)
    border = re.search(r"border:\s*(\d+)px solid (#[0-9a-fA-F]{6})", rule)
    background = re.search(r"background:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", rule)
    assert border and background, rule
    assert int(border.group(1)) >= 1
    assert contrast_ratio(border.group(2), _six_digit(background.group(1))) >= 3.0


def test_no_theme_takes_the_field_border_away():
    css_files = sorted(THEMES.glob("*/*.css"))
    # It reads the real stylesheets: every registered theme's and the shared one (never nothing).
    assert {css_file.parent.name for css_file in css_files} >= set(REGISTERED) | {"_shared"}
    for css_file in css_files:
        css = css_file.read_text()
        for rule in re.finditer(r"([^{}]*)\{([^}]*)\}", css):
            selector, body = rule.group(1), rule.group(2)
            fields = [
                part
                for part in selector.split(",")
                if re.search(r"(^|[\s>])(input|select|textarea)\b", part) and "[type=submit]" not in part
            ]
            if fields and "border" in body:
                assert not re.search(r"border(-color)?:\s*(0|none|transparent)", body), (
                    f"{css_file.name}: {selector.strip()} removes the field border"
                )
