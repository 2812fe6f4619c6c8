from functools import cache

from django.utils.functional import SimpleLazyObject

from themes.services import branding_for_request, theme_resolve


def theme(request):
    """`theme` (templates extend `theme.base_template`) and `branding` (the village's settings).

    Lazy: admin pages and other templates that never draw a theme cost no query.
    """
    branding = cache(lambda: branding_for_request(request))
    return {
        "branding": SimpleLazyObject(branding),
        "theme": SimpleLazyObject(lambda: theme_resolve(branding=branding())),
    }
