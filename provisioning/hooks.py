"""Running the extension points named in settings (VILLAGEWEB_*_BUILDERS / _HOOKS / _FILLERS)."""

from django.conf import settings
from django.utils.module_loading import import_string


def hooks_run(setting_name: str, **kwargs) -> None:
    for dotted_path in getattr(settings, setting_name):
        import_string(dotted_path)(**kwargs)
