"""The one place that decides what each side of the tenancy may offer: public-only and village-only apps.

Which apps are which is read from the settings, never listed twice: an app in `SHARED_APPS` but not
in `TENANT_APPS` is *public-only* (its tables exist only in the public schema: the village registry,
exports, support grants, the regency theme, the portal's news moderation and announcements); an app
in `TENANT_APPS` but not in `SHARED_APPS` is *village-only* (its tables exist only in village schemas).
A model of an app in both lists is village-only when `VILLAGEWEB_VILLAGE_ONLY_MODELS` names it (the
village's laws and public information: their tables exist in public too, because the page apps must,
but the portal has no such data).

Public tables stay on every village's search path on purpose: village pages read the regency's theme
policy and announcements from them. So the boundary is drawn where people act, in three layers:

- `PublicOnlyPermissionPolicy`: the Wagtail permission policy every public-only model registered in the
  admin must use. Outside the public schema it grants nothing to anybody, a superuser included, for
  every question Wagtail asks (model, instance, user listings), so listings, choosers, the snippets
  index, settings menus and bulk actions all see "no permission".
- `PublicOnlyGateMiddleware`: on a village host, any view bound to a public-only model (a Wagtail
  viewset's model, or `app_label`/`model_name` in the URL: settings, bulk actions, choosers) and any
  admin view whose code lives in a public-only app answers 404 before it runs; the same on the
  portal for village-only apps. This holds even for a model someone forgets to give the policy.
- `admin_menu_filter` (wired by `tenants/wagtail_hooks.py`): menu items whose URL the gate would
  refuse are not shown.

`tenants.checks.public_only_admin_check` fails when a public-only model is registered in the admin
without the policy, or when the gate is missing from MIDDLEWARE (docs/security.md).
"""

from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import Http404
from django.urls import Resolver404, resolve
from django_tenants.utils import get_public_schema_name
from wagtail.permission_policies import ModelPermissionPolicy

GATE_MIDDLEWARE = "tenants.isolation.PublicOnlyGateMiddleware"


def in_public_schema() -> bool:
    return connection.schema_name == get_public_schema_name()


@cache
def public_only_app_labels() -> frozenset[str]:
    tenant = set(settings.TENANT_APPS)
    return frozenset(_label(name) for name in settings.SHARED_APPS if name not in tenant)


@cache
def village_only_app_labels() -> frozenset[str]:
    shared = set(settings.SHARED_APPS)
    return frozenset(_label(name) for name in settings.TENANT_APPS if name not in shared)


def _label(app_name: str) -> str:
    return next(config.label for config in apps.get_app_configs() if config.name == app_name)


def is_public_only_model(model) -> bool:
    return model._meta.app_label in public_only_app_labels()


@cache
def village_only_models() -> frozenset[str]:
    """`app_label.model_name` of the village-only models of apps that are in both lists."""
    return frozenset(label.lower() for label in settings.VILLAGEWEB_VILLAGE_ONLY_MODELS)


def is_village_only_model(model) -> bool:
    meta = model._meta
    return meta.app_label in village_only_app_labels() or meta.label_lower in village_only_models()


def _foreign_here(model, public: bool) -> bool:
    """Whether `model` belongs to the other side of the tenancy from the current schema."""
    return is_village_only_model(model) if public else is_public_only_model(model)


@cache
def _app_label_of_module(module: str) -> str | None:
    """The installed app whose package holds `module` (the longest matching name wins, so
    `provisioning.support.views` belongs to `provisioning.support`, not `provisioning`)."""
    best = None
    for config in apps.get_app_configs():
        if module == config.name or module.startswith(config.name + "."):
            if best is None or len(config.name) > len(best.name):
                best = config
    return best.label if best else None


class PublicOnlyPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions on the portal's host only; `denied` actions never, for anybody.

    Every permission question of Wagtail's base policy ends in `user_has_permission` or
    `users_with_any_permission`, so guarding these two closes edit, instance and listing checks alike.
    """

    def __init__(self, model, denied=()):
        super().__init__(model)
        self.denied = frozenset(denied)

    def user_has_permission(self, user, action):
        return in_public_schema() and action not in self.denied and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in self.denied]
        if not in_public_schema() or not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


def _unwrap(view):
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    return view


def _models_of_view(view, kwargs) -> list:
    found = []
    for candidate in (view, _unwrap(view)):
        model = (getattr(candidate, "view_initkwargs", None) or {}).get("model")
        if model is not None and hasattr(model, "_meta"):
            found.append(model)
    app_label = kwargs.get("app_label") or kwargs.get("app_name")
    model_name = kwargs.get("model_name")
    if app_label and model_name:
        try:
            found.append(apps.get_model(app_label, model_name))
        except LookupError:
            pass
    return found


def view_refused_here(view, kwargs, *, in_admin: bool) -> bool:
    """Whether the current schema's side of the tenancy must never run this view."""
    public = in_public_schema()
    if any(_foreign_here(model, public) for model in _models_of_view(view, kwargs)):
        return True
    if in_admin:
        foreign = village_only_app_labels() if public else public_only_app_labels()
        return _app_label_of_module(_unwrap(view).__module__) in foreign
    return False


class PublicOnlyGateMiddleware:
    """404 for a view of the other side of the tenancy (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        in_admin = bool(match and match.route.startswith("admin/"))
        if view_refused_here(view_func, view_kwargs, in_admin=in_admin):
            raise Http404("Halaman tidak ditemukan")
        return None


def url_refused_here(url: str, urlconf=None) -> bool:
    """Whether the gate would refuse this URL on the current host (for menus and tests)."""
    try:
        match = resolve(url.split("?", 1)[0], urlconf=urlconf)
    except Resolver404:
        return False
    return view_refused_here(match.func, match.kwargs, in_admin=match.route.startswith("admin/"))


def admin_menu_filter(request, menu_items) -> None:
    """Drop, in place, menu items (and submenus left empty) that lead to a refused view."""
    urlconf = getattr(request, "urlconf", None)
    kept = []
    for item in menu_items:
        submenu = getattr(item, "menu", None)
        if submenu is not None:
            children = submenu.menu_items_for_request(request)
            if children and all(url_refused_here(child.url, urlconf) for child in children):
                continue
        elif url_refused_here(getattr(item, "url", "") or "", urlconf):
            continue
        kept.append(item)
    menu_items[:] = kept
