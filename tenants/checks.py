"""Fail at start-up when a public-only model reaches the admin without the tenancy gate's policy."""

from django.conf import settings
from django.core.checks import Error, register

from tenants.isolation import GATE_MIDDLEWARE, PublicOnlyPermissionPolicy, is_public_only_model

TENANT_MIDDLEWARE = "tenants.middleware.VillageTenantMiddleware"


def admin_registered_models() -> set:
    """Every model Wagtail's admin offers: snippets, settings and viewsets (hooks loaded first)."""
    from wagtail import hooks
    from wagtail.admin.viewsets import viewsets
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.snippets.models import get_snippet_models

    hooks.search_for_hooks()
    models = set(get_snippet_models()) | set(settings_registry)
    models |= {viewset.model for viewset in viewsets.viewsets if getattr(viewset, "model", None) is not None}
    for fn in hooks.get_hooks("register_admin_viewset"):
        registered = fn()
        for viewset in registered if isinstance(registered, list | tuple) else [registered]:
            for member in getattr(viewset, "registerables", [viewset]):
                if getattr(member, "model", None) is not None:
                    models.add(member.model)
    return {model for model in models if hasattr(model, "_meta")}


@register()
def public_only_admin_check(app_configs, **kwargs):
    from wagtail.permissions import policy_registry

    errors = []
    middleware = list(settings.MIDDLEWARE)
    if GATE_MIDDLEWARE not in middleware or middleware.index(GATE_MIDDLEWARE) < middleware.index(
        TENANT_MIDDLEWARE
    ):
        errors.append(
            Error(
                f"{GATE_MIDDLEWARE} must be in MIDDLEWARE after {TENANT_MIDDLEWARE}: it keeps village "
                "hosts away from public-only admin screens.",
                id="villageweb.E010",
            )
        )
    for model in sorted(admin_registered_models(), key=lambda m: m._meta.label):
        if is_public_only_model(model) and not isinstance(
            policy_registry.get_by_type(model), PublicOnlyPermissionPolicy
        ):
            errors.append(
                Error(
                    f"{model._meta.label} lives only in the public schema but is registered in the admin "
                    "without tenants.isolation.PublicOnlyPermissionPolicy.",
                    hint="register_permission_policy(Model, PublicOnlyPermissionPolicy(Model)) in its "
                    "wagtail_hooks.py, or get_permission_policy() returning one for a setting.",
                    id="villageweb.E011",
                )
            )
    return errors
