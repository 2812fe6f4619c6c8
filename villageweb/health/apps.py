from django.apps import AppConfig


class HealthConfig(AppConfig):
    """Site health: each village's activity and Kelengkapan Situs, kept in public tables so the
    portal's directory and Diskominfo's health screen read one row per village.

    Public schema only (SHARED_APPS); the checklist's items come from the content apps through the
    `villageweb_completeness_items` Wagtail hook (completeness.py)."""

    name = "villageweb.health"
    label = "health"
    verbose_name = "Kesehatan situs desa"
