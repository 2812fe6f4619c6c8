"""What a new web worker does before its first visitor: compile the project's templates and build
both URL resolvers (about 0.2 s on 2 cores). Django does both lazily, so without this the first
request each gunicorn worker answers paid for them: measured 4 December 2026 in one process with
production settings, the portal's first request 240 -> 64 ms and the first village's 52 -> 33 ms
(docs/performance.md). Nothing here reads the database, so a worker still starts while PostgreSQL
is down."""

import logging
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver

logger = logging.getLogger(__name__)


def project_template_names() -> list[str]:
    """Every `.html` template of the project's own apps and template folders (not those of installed
    packages such as Wagtail's admin: an editor's first screen is not what the warm-up is for)."""
    roots = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    roots += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
        and not Path(config.path).is_relative_to(sys.prefix)
    ]
    names = {str(path.relative_to(root)) for root in roots if root.is_dir() for path in root.rglob("*.html")}
    return sorted(names)


def worker_warm() -> int:
    """Build the URL resolvers and compile every project template into the cached loader; returns
    how many templates were compiled. A template that does not compile is logged and left for its
    request to report, as it would have been without the warm-up."""
    for urlconf in (settings.ROOT_URLCONF, settings.PUBLIC_SCHEMA_URLCONF):
        get_resolver(urlconf).reverse_dict  # noqa: B018  (reading it builds the resolver's tables)
    compiled = 0
    for name in project_template_names():
        try:
            get_template(name)
        except Exception:
            logger.warning("warm-up: template %s did not compile", name, exc_info=True)
        else:
            compiled += 1
    return compiled
