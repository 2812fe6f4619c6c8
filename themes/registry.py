"""The themes this platform offers. A theme is a folder under templates/themes/<slug>/ and
static/themes/<slug>/ plus one entry here; nothing outside themes/ changes when one is added."""

from dataclasses import dataclass

# Components every theme shares (lists, tables, forms, charts), styled through the theme's variables.
SHARED_STYLESHEET = "themes/_shared/components.css"


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
        """The theme's own colours, typography and header; linked after SHARED_STYLESHEET."""
        return f"themes/{self.slug}/theme.css"

    @property
    def stylesheets(self) -> list[str]:
        return [SHARED_STYLESHEET, self.stylesheet]

    @property
    def favicon(self) -> str:
        return f"themes/{self.slug}/favicon.svg"


THEMES = {
    theme.slug: theme
    for theme in [
        Theme(
            "klasik",
            "Klasik",
            "Hijau dan emas, tata letak tradisional situs pemerintahan dengan pita menu penuh.",
        ),
        Theme(
            "modern",
            "Modern",
            "Bersih dan lapang: latar putih, huruf besar, kartu berita, aksen biru tua.",
        ),
        Theme(
            "pesisir",
            "Pesisir",
            "Biru laut dan pasir pantai dengan garis ombak, untuk desa-desa di pesisir utara.",
        ),
    ]
}
DEFAULT_THEME = "klasik"


def theme_get(slug: str | None) -> Theme:
    return THEMES.get(slug or DEFAULT_THEME, THEMES[DEFAULT_THEME])


def theme_choices() -> list[tuple[str, str]]:
    """Choices for model fields (a callable, so adding a theme needs no migration)."""
    return [(theme.slug, theme.label) for theme in THEMES.values()]
