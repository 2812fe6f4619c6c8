"""Keeping the HTTP front cache (Varnish, deploy/varnish/villageweb.vcl) fresh, by construction.

The cache holds anonymous GET answers keyed on host and path. Instead of knowing which page lists
which news, any change that can show on a public page bans whole hosts:

- a change inside a village's schema (a page published, unpublished, moved or deleted, a site
  setting, a snippet, an image) bans every domain of that village and the portal's domains (the
  portal lists village news);
- a change inside the public schema to a model of a tenant app (the portal's own pages and
  settings) bans the portal's domains;
- a change to a model that lives only in the public schema (villages and domains, regency
  announcements, the regency theme, ...) bans every host, unless VILLAGEWEB_FRONTCACHE_SCOPES
  narrows it (e.g. the federated news index only shows on the portal).

The same events raise the content version (villageweb.freshness.versions) of what changed, inside
the transaction of the change: a village's own for a change in its schema (and for its Village and
Domain rows), the platform's for the other public-only rows every village shows. Village pages key
the parts they share between publishes on both numbers (villageweb.freshness.site_cache), so the publishing
request's commit is what renews them, with or without Varnish. The portal's own versions are kept
by triggers instead (versions.WATCHED_TABLES).

Every model is covered unless it is listed as invisible to visitors (VILLAGEWEB_FRONTCACHE_IGNORED:
sessions, revisions, logs, lazily made renditions...), so a new app is safe without touching this
module: forgetting it costs hit rate, never freshness. Queryset `update()` sends no signal; code that
changes visible rows that way calls `hosts_ban_for_schema()` or `everything_ban()` itself (both raise
the version too).

Bans go out on transaction commit: sent earlier, a visitor could re-cache the old page between the
ban and the commit; sent at commit, the publishing request returns only after the cache forgot.
With VILLAGEWEB_FRONTCACHE_URLS empty (development, most tests) nothing is sent.

wagtail.contrib.frontend_cache is not used: it purges page URLs one by one (missing the listings
that show a page) and inside the publishing transaction, before the commit.
"""

import logging
import urllib.error
import urllib.request
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control
from django_tenants.utils import get_public_schema_name
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from tenants.models import Domain, Village
from villageweb.freshness.versions import PLATFORM, version_raise

logger = logging.getLogger(__name__)

BAN_TIMEOUT_SECONDS = 2
EVERYTHING = "*"  # scope key: every host the cache holds
PORTAL = "portal"  # scope key: the portal's hosts
NONE = "none"  # scope value in VILLAGEWEB_FRONTCACHE_SCOPES: never ban

# Saving a page with only these fields is a draft (Page.save_revision); the live page is unchanged.
DRAFT_FIELDS = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _ban_send(pattern: str) -> None:
    """One BAN per Varnish; a cache that cannot be reached is logged, never raised: the change
    is already committed, and the cache's TTL bounds what it still shows."""
    for url in settings.VILLAGEWEB_FRONTCACHE_URLS:
        request = urllib.request.Request(url, method="BAN", headers={"X-Ban-Hosts": pattern})
        try:
            with urllib.request.urlopen(request, timeout=BAN_TIMEOUT_SECONDS) as response:
                response.read()
        except (urllib.error.URLError, OSError) as error:
            logger.error("Front cache %s did not take the ban %s: %s", url, pattern, error)


def hosts_pattern(hosts: list[str]) -> str:
    """An anchored regular expression matching exactly these host names (dots as [.], which
    needs no escaping inside Varnish's quoted ban string)."""
    names = sorted({host.lower().rstrip(".").replace(".", "[.]") for host in hosts if host})
    return "^(" + "|".join(names) + ")$"


def _hosts_of(schema_names: set[str]) -> list[str]:
    return list(Domain.objects.filter(tenant__schema_name__in=schema_names).values_list("domain", flat=True))


def _flush(key: str) -> None:
    if key == EVERYTHING:
        _ban_send(".")
        return
    schemas = {get_public_schema_name()} if key == PORTAL else {key, get_public_schema_name()}
    try:
        hosts = _hosts_of(schemas)
    except DatabaseError as error:  # e.g. a first migration, before the domain table exists
        logger.warning("Front cache: domains unreadable (%s); banning every host", error)
        _ban_send(".")
        return
    if hosts:
        _ban_send(hosts_pattern(hosts))


def _schedule(key: str) -> None:
    """One ban per key and transaction, sent after the commit (at once outside a transaction). A
    callback dropped by a savepoint rollback is no longer in run_on_commit, so it is scheduled again."""
    if not settings.VILLAGEWEB_FRONTCACHE_URLS:
        return
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if getattr(callback, "frontcache_key", None) == key and not callback.frontcache_sent:
                return

    def callback():
        callback.frontcache_sent = True
        _flush(key)

    callback.frontcache_key = key
    callback.frontcache_sent = False
    transaction.on_commit(callback)


def everything_ban() -> None:
    """Ban every host after the commit (a change every site may show), and raise the platform's
    content version now."""
    version_raise(PLATFORM)
    _schedule(EVERYTHING)


def hosts_ban_for_schema(schema_name: str) -> None:
    """Ban a village's domains and the portal's after the commit (the portal's alone for public),
    and raise the village's content version now (the portal keeps its own: triggers)."""
    if schema_name == get_public_schema_name():
        _schedule(PORTAL)
        return
    version_raise(schema_name)
    _schedule(schema_name)


@cache
def _public_only_labels() -> frozenset[str]:
    """App labels whose tables exist only in the public schema (SHARED_APPS minus TENANT_APPS)."""
    tenant_apps = set(settings.TENANT_APPS)
    return frozenset(
        config.label
        for config in apps.get_app_configs()
        if config.name in settings.SHARED_APPS and config.name not in tenant_apps
    )


def _scope_of(model) -> str | None:
    """EVERYTHING, PORTAL, a village schema, or None (a change no visitor sees)."""
    meta = model._meta
    label = f"{meta.app_label}.{meta.model_name}"
    ignored = settings.VILLAGEWEB_FRONTCACHE_IGNORED
    if label in ignored or meta.app_label in ignored:
        return None
    scope = settings.VILLAGEWEB_FRONTCACHE_SCOPES.get(label)
    if scope == NONE:
        return None
    if scope == EVERYTHING or (scope is None and meta.app_label in _public_only_labels()):
        return EVERYTHING
    schema = connection.schema_name
    if scope == PORTAL or schema == get_public_schema_name():
        return PORTAL
    return schema


def _village_schema_of(instance) -> str | None:
    """The village a Village or Domain row belongs to: only its own pages show that row."""
    if isinstance(instance, Village):
        return instance.schema_name
    if isinstance(instance, Domain) and instance.tenant_id is not None:
        return Village.objects.filter(pk=instance.tenant_id).values_list("schema_name", flat=True).first()
    return None


def model_changed(model, instance=None) -> None:
    scope = _scope_of(model)
    if scope == EVERYTHING:
        village_schema = _village_schema_of(instance) if instance is not None else None
        if village_schema is None:
            everything_ban()
            return
        # Every host is banned as before; the version raised is the village's alone, so parallel
        # imports (a Village and a Domain row each) never queue on the platform's version row.
        version_raise(village_schema)
        _schedule(EVERYTHING)
    elif scope is not None:
        hosts_ban_for_schema(get_public_schema_name() if scope == PORTAL else scope)


def _saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    if created and isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        return  # made on first read (for_request), holding the defaults the page already showed
    if isinstance(instance, Page) and (
        not instance.live or (update_fields is not None and set(update_fields) <= DRAFT_FIELDS)
    ):
        return  # a draft or a page never published; publishing sends page_published
    model_changed(sender, instance)


def _deleted(sender, instance, **kwargs):
    model_changed(sender, instance)


def _m2m_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        model_changed(type(instance))


def _page_event(sender, instance, **kwargs):
    hosts_ban_for_schema(connection.schema_name)


def receivers_connect() -> None:
    post_save.connect(_saved, dispatch_uid="frontcache_saved")
    post_delete.connect(_deleted, dispatch_uid="frontcache_deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="frontcache_m2m")
    page_published.connect(_page_event, dispatch_uid="frontcache_published")
    page_unpublished.connect(_page_event, dispatch_uid="frontcache_unpublished")
    post_page_move.connect(_page_event, dispatch_uid="frontcache_moved")


class PrivateResponseMiddleware:
    """Mark `Cache-Control: private` on answers no shared cache may keep: one that sets a cookie
    (a page with a CSRF token sets the CSRF cookie: the contact form, log-in and set-up forms) or
    was made for a logged-in user. The front cache already passes requests with a session cookie
    and answers setting a cookie; this makes the rule the application's own, whatever cache sits
    in front of it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "_cached_user", None)  # set only if the answer looked at the user
        if response.cookies or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True)
        return response
