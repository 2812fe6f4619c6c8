"""Every theme is a self-contained folder: its own namespace, the agreed blocks, nothing fetched from
another host."""

import re
from pathlib import Path

import pytest
from django.template import loader
from django.template.loader_tags import BlockNode

from themes.registry import SHARED_STYLESHEET, THEMES

THEMES_DIR = Path(__file__).resolve().parents[2] / "themes"
TEMPLATES_DIR = THEMES_DIR / "templates"
STATIC_DIR = THEMES_DIR / "static"
SHARED_FOLDER = "_shared"
REQUIRED_BLOCKS = {
    "title",
    "title_suffix",
    "meta",
    "extra_head",
    "body_class",
    "site_name",
    "navigation",
    "breadcrumbs",
    "content",
    "footer",
}
REQUIRED_INCLUDES = [
    '{% block meta %}{% if page %}{% include "includes/meta.html" %}',
    '{% block breadcrumbs %}{% include "includes/breadcrumbs.html" %}',
    '{% include "includes/regency_announcements.html" %}',
    '{% block navigation %}{% include "includes/site_navigation.html" %}',
]
# Any scheme-qualified or protocol-relative address: assets must come from the platform itself.
EXTERNAL_URL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


def test_every_theme_template_lives_in_its_own_theme_folder():
    allowed = set(THEMES) | {SHARED_FOLDER}
    templates = list(TEMPLATES_DIR.rglob("*.html"))
    assert {path.relative_to(TEMPLATES_DIR).parts[1] for path in templates} >= set(THEMES)  # it sees them
    for path in templates:
        parts = path.relative_to(TEMPLATES_DIR).parts
        assert parts[0] == "themes" and parts[1] in allowed, f"{path} is outside themes/<slug>/"
    for path in STATIC_DIR.rglob("*"):
        if path.is_file():
            parts = path.relative_to(STATIC_DIR).parts
            assert parts[0] == "themes" and parts[1] in allowed, f"{path} is outside themes/<slug>/"


@pytest.mark.parametrize("slug", sorted(THEMES))
def test_each_theme_has_its_files_and_resolves_to_them(slug):
    theme = THEMES[slug]
    templates = list(TEMPLATES_DIR.joinpath("themes", slug).rglob("*.html"))
    assert templates, f"no templates found for {slug}"
    for path in templates:
        name = str(path.relative_to(TEMPLATES_DIR))
        assert Path(loader.get_template(name).origin.name) == path, f"{name} is shadowed"
    for stylesheet in theme.stylesheets:
        assert STATIC_DIR.joinpath(stylesheet).is_file()
    assert STATIC_DIR.joinpath(theme.favicon).is_file()


def test_theme_stylesheets_hold_only_what_differs_from_the_shared_components():
    shared = set(STATIC_DIR.joinpath(SHARED_STYLESHEET).read_text().splitlines())
    for theme in THEMES.values():
        own = STATIC_DIR.joinpath(theme.stylesheet).read_text().splitlines()
        repeated = [line for line in own if line in shared and "{" in line and not line.startswith("@media")]
        assert not repeated, f"{theme.stylesheet} repeats shared rules: {repeated}"


def test_no_two_themes_resolve_to_the_same_file():
    origins = {loader.get_template(theme.base_template).origin.name for theme in THEMES.values()}
    stylesheets = {theme.stylesheet for theme in THEMES.values()}
    assert len(origins) == len(stylesheets) == len(THEMES)


@pytest.mark.parametrize("slug", sorted(THEMES))
def test_each_base_template_provides_the_block_contract_and_shared_includes(slug):
    theme = THEMES[slug]
    template = loader.get_template(theme.base_template)
    blocks = {node.name for node in template.template.nodelist.get_nodes_by_type(BlockNode)}
    assert REQUIRED_BLOCKS <= blocks, f"missing blocks: {REQUIRED_BLOCKS - blocks}"
    source = Path(template.origin.name).read_text()
    for include in REQUIRED_INCLUDES:
        assert include in source, f"{theme.base_template} lacks {include}"


def test_no_theme_template_or_stylesheet_names_another_host():
    files = [*TEMPLATES_DIR.rglob("*.html"), *STATIC_DIR.rglob("*.css")]
    assert files
    for path in files:
        found = EXTERNAL_URL.findall(path.read_text())
        assert not found, f"{path} refers to {found}"
