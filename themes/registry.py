"""The themes this platform offers. A theme is a folder under templates/themes/<slug>/ and
static/themes/<slug>/ plus one entry here."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    description: str

    @property
    def base_template(self) -> str:
        return f"themes/{self.slug}/base.html"

    @property
    def stylesheet(self) -> str:
        return f"themes/{self.slug}/theme.css"


THEMES = {
    theme.slug: theme
    for theme in [
        Theme("klasik", "Klasik", "Hijau dan emas, tata letak tradisional situs pemerintahan."),
    ]
}
DEFAULT_THEME = "klasik"


def theme_get(slug: str | None) -> Theme:
    return THEMES.get(slug or DEFAULT_THEME, THEMES[DEFAULT_THEME])
