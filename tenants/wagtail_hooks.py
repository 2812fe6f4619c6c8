"""Admin menus offer only what the tenancy gate lets this host open (tenants/isolation.py)."""

from wagtail import hooks

from tenants.isolation import admin_menu_filter


@hooks.register("construct_main_menu")
def main_menu_filter(request, menu_items):
    admin_menu_filter(request, menu_items)


@hooks.register("construct_settings_menu")
def settings_menu_filter(request, menu_items):
    admin_menu_filter(request, menu_items)


@hooks.register("construct_reports_menu")
def reports_menu_filter(request, menu_items):
    admin_menu_filter(request, menu_items)
