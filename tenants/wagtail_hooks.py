"""Admin menus offer only what the tenancy gate lets this host open (tenants/isolation.py)."""

from django.shortcuts import redirect
from wagtail import hooks

from tenants.isolation import admin_menu_filter
from tenants.storage import VillageS3Storage


@hooks.register("construct_main_menu")
def main_menu_filter(request, menu_items):
    admin_menu_filter(request, menu_items)


@hooks.register("construct_settings_menu")
def settings_menu_filter(request, menu_items):
    admin_menu_filter(request, menu_items)


@hooks.register("construct_reports_menu")
def reports_menu_filter(request, menu_items):
    admin_menu_filter(request, menu_items)


@hooks.register("before_serve_document", order=100)
def document_signed_redirect(document, request):
    """With media in a bucket, a reader who passed Wagtail's view-restriction check (its own
    `before_serve_document` hook, order 0) is sent to a signed URL valid for a minute, with the
    content type and disposition Wagtail would have sent; the object itself is private."""
    storage = document.file.storage
    if not isinstance(storage, VillageS3Storage):
        return None
    return redirect(
        storage.url(
            document.file.name,
            parameters={
                "ResponseContentDisposition": document.content_disposition,
                "ResponseContentType": document.content_type,
            },
        )
    )
