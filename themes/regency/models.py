"""The regency's say over village themes: the default for new villages, and an optional lock."""

from dataclasses import dataclass

from django.core.cache import caches
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from tenants.isolation import PublicOnlyPermissionPolicy
from themes.registry import DEFAULT_THEME, theme_choices

POLICY_CACHE_KEY = "themes:regency-policy"
# Other worker processes see a change within this many seconds (the saving process at once).
POLICY_CACHE_SECONDS = 60


@register_setting(icon="site")
class RegencyTheme(BaseGenericSetting):
    default_theme = models.CharField(
        "tema bawaan desa baru",
        max_length=40,
        choices=theme_choices,
        default=DEFAULT_THEME,
        help_text="Tema yang dipakai desa atau kelurahan baru sejak situsnya dibuat.",
    )
    locked = models.BooleanField(
        "kunci tema untuk semua desa",
        default=False,
        help_text="Jika dicentang, semua situs desa memakai tema bawaan di atas dan pilihan tema "
        "di admin desa diabaikan (tampilan seragam se-kabupaten).",
    )

    panels = [FieldPanel("default_theme"), FieldPanel("locked")]

    class Meta:
        verbose_name = "tema kabupaten"
        verbose_name_plural = "tema kabupaten"

    @classmethod
    def get_permission_policy(cls):
        """Public-only: no village host edits it, whatever a village superuser ticks (tenants.isolation)."""
        return PublicOnlyPermissionPolicy(cls)


@dataclass(frozen=True)
class RegencyPolicy:
    default_theme: str
    locked: bool


def regency_policy() -> RegencyPolicy:
    """The regency's policy, cached in the schema-independent "platform" cache.

    The table exists only in public, which is on every village's search path, so the query needs no
    schema switch (a switch would cost each village request a second `SET search_path`).
    """
    cache = caches["platform"]
    policy = cache.get(POLICY_CACHE_KEY)
    if policy is None:
        row = RegencyTheme.objects.first()
        policy = RegencyPolicy(
            default_theme=row.default_theme if row else DEFAULT_THEME, locked=bool(row and row.locked)
        )
        cache.set(POLICY_CACHE_KEY, policy, POLICY_CACHE_SECONDS)
    return policy


def regency_policy_forget(**kwargs) -> None:
    caches["platform"].delete(POLICY_CACHE_KEY)
