"""Provisioning's extension points are named Wagtail hooks (provisioning/hooks.py), not settings: each
app's contributions run in their stated order, and no dotted-path list is left to drift beside them."""

from django.conf import settings
from wagtail import hooks

from provisioning.hooks import DEMO_FILL, PORTAL_BUILD, TEMPLATE_BUILD, VILLAGE_SETUP


def _names(hook: str) -> list[str]:
    return [fn.__name__ for fn in hooks.get_hooks(hook)]


def test_template_builders_make_groups_before_pages_and_translate_permission_names_last():
    names = _names(TEMPLATE_BUILD)
    assert names.index("village_roles_prepare") < names.index("village_tree_build")
    assert names.index("home_template_prepare") < names.index("village_tree_build")  # the tree hangs under it
    assert names[-1] == "permission_names_translate"  # after every builder made its permissions
    for app_builder in ("news_template_build", "announcements_template_build", "budget_template_build"):
        assert names.index("village_tree_build") < names.index(app_builder)


def test_every_extension_point_has_its_contributors_and_no_settings_list_is_left():
    assert _names(PORTAL_BUILD) == ["portal_pages_ensure", "diskominfo_keeps_templates"]
    assert _names(VILLAGE_SETUP)[0] == "village_home_personalise"  # first, as it always ran
    assert _names(VILLAGE_SETUP)[-1] == "village_regency_setup"  # the regency services, on the finished site
    assert "branding_demo_fill" in _names(DEMO_FILL) and _names(DEMO_FILL)[0] == "home_demo_fill"
    assert [fn.__name__ for fn in hooks.get_hooks("villageweb_village_contact")] == ["branding_contact"]
    for name in (
        "VILLAGEWEB_TEMPLATE_BUILDERS",
        "VILLAGEWEB_PORTAL_BUILDERS",
        "VILLAGEWEB_VILLAGE_SETUP_HOOKS",
        "VILLAGEWEB_DEMO_FILLERS",
        "VILLAGEWEB_VILLAGE_CONTACT",
    ):
        assert not hasattr(settings, name), name
