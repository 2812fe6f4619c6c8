from themes.registry import theme_get


def theme(request):
    """The theme the current site is drawn in, as `theme` (templates extend `theme.base_template`)."""
    return {"theme": theme_get(None)}
