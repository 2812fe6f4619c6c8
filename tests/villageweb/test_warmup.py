"""A web worker compiles the project's templates and builds its URL resolvers when it starts
(villageweb/warmup.py, called by villageweb/wsgi.py), so its first visitor does not pay for them."""

import json
import logging
import subprocess
import sys

from django.conf import settings
from django.template import engines
from django.test import override_settings

from villageweb.warmup import project_template_names, worker_warm

from ..factories import subprocess_env

VILLAGE_PAGES = ("village/home_page.html", "themes/modern/base.html", "news/news_page.html")

# The templates the cached loader holds right after `villageweb.wsgi` is imported in a new process,
# before any request.
_COMPILED_AT_START = """
import json

import villageweb.wsgi  # noqa: F401
from django.template import engines

loader = engines["django"].engine.template_loaders[0]
print(json.dumps(sorted(loader.get_template_cache)))
"""


def _cached_loader():
    loader = engines["django"].engine.template_loaders[0]
    assert type(loader).__name__ == "Loader" and hasattr(loader, "get_template_cache")
    return loader


def test_project_templates_are_the_themes_and_apps_own_not_wagtails():
    names = project_template_names()
    assert set(VILLAGE_PAGES) <= set(names)
    assert "portal/portal_home_page.html" in names
    assert "wagtailadmin/base.html" in names  # the project's own override of it
    assert "wagtailadmin/pages/edit.html" not in names and "wagtailcore/page.html" not in names


def test_worker_warm_leaves_every_project_template_compiled_in_the_cached_loader():
    loader = _cached_loader()
    loader.reset()
    assert worker_warm() == len(project_template_names())
    assert set(project_template_names()) <= set(loader.get_template_cache)


def test_a_template_that_does_not_compile_is_logged_and_the_worker_still_starts(tmp_path, caplog):
    (tmp_path / "rusak.html").write_text("{% if %}")
    templates = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    with override_settings(TEMPLATES=templates), caplog.at_level(logging.WARNING, "villageweb.warmup"):
        compiled = worker_warm()
        assert compiled == len(project_template_names()) - 1
    assert "rusak.html did not compile" in caplog.text


def test_a_new_wsgi_process_has_the_page_templates_compiled_before_its_first_request():
    result = subprocess.run(
        [sys.executable, "-c", _COMPILED_AT_START],
        cwd=settings.BASE_DIR,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    compiled = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(VILLAGE_PAGES) <= set(compiled)
