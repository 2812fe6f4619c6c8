"""The publishing schedule offers quarter hours (issue #27, item 5): Wagtail's picker lists whole hours."""

import json
import re

import pytest

from villageweb.news.models import NewsIndexPage

from ..factories import admin_client_for, in_village, make_news_page

pytestmark = pytest.mark.django_db


def _picker_configs(html: str) -> dict[str, dict]:
    """The date-time picker configuration of each schedule field, as the editor's page carries it."""
    configs = {}
    for name in ("go_live_at", "expire_at"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert tag, f"{name} is missing from the editor"
        script = re.search(rf'initDateTimeChooser\("id_{name}", (\{{.*?\}})\)', html)
        configs[name] = json.loads(script.group(1)) if script else None
    return configs


def test_schedule_fields_of_village_pages_step_by_quarter_hours(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        index = NewsIndexPage.objects.get()
        page = make_news_page()
    client = admin_client_for(village)
    for url in (f"/admin/pages/{page.pk}/edit/", f"/admin/pages/add/news/newspage/{index.pk}/"):
        html = client.get(url).text
        for name, config in _picker_configs(html).items():
            assert config is not None, f"{url}: no picker configuration for {name}"
            assert config["step"] == 15, (url, name, config)
            assert config["parentID"] == "#schedule-publishing-dialog"
