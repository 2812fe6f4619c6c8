"""Keeping each village's activity and Kelengkapan score in the public tables the regency reads.

Run in the village's schema by the publishing path (villageweb/publishing: page events, new
revisions, the branding) and daily by the upkeep job (provisioning/jobs), so the regency's screens read
two public tables instead of scoring every schema on every view.
"""

import contextlib
import contextvars

from django.db import connection
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page, Revision

from tenants.models import Village
from villageweb.health.completeness import site_completeness
from villageweb.health.models import VillageActivity, VillageCompleteness


def current_village() -> Village | None:
    """The provider (village, OPD or kecamatan) whose schema this connection is in (None on the portal
    or the template): their news, activity and services all count."""
    schema = connection.schema_name
    village = getattr(connection, "tenant", None)
    if not isinstance(village, Village) or village.schema_name != schema:
        village = Village.objects.filter(schema_name=schema).first()
    return village if village is not None and village.is_site else None


def village_completeness_record(*, village: Village, score: int) -> None:
    """Keep the village's latest Kelengkapan Situs score for the portal directory and the health page.
    An unchanged score writes nothing: the row is shown on the portal, so a write bans its front cache."""
    if VillageCompleteness.objects.filter(village=village, score=score).exists():
        return
    VillageCompleteness.objects.update_or_create(
        village=village, defaults={"score": score, "measured_at": timezone.now()}
    )


def village_activity_measure() -> dict:
    """The current schema's last edit (latest revision), last publication and page count."""
    return {
        "last_edit": Revision.objects.aggregate(last=Max("created_at"))["last"],
        "last_publish": Page.objects.aggregate(last=Max("last_published_at"))["last"],
        "pages": Page.objects.filter(depth__gt=1).count(),
    }


# Set while many pages are published at once (village_summary_deferred): one refresh at the end. A
# context variable, so another thread or task of the same process refreshes its own village as usual.
_summary_deferred: contextvars.ContextVar[list[bool] | None] = contextvars.ContextVar(
    "health_summary_deferred", default=None
)


@contextlib.contextmanager
def village_summary_deferred():
    """Publish many pages (an import of an old site) with the village's activity and Kelengkapan
    score measured once at the end instead of after every page and revision. Only on success: a
    failed batch rolls back what it would have measured."""
    if _summary_deferred.get() is not None:
        yield
        return
    pending = [False]
    token = _summary_deferred.set(pending)
    try:
        yield
    finally:
        _summary_deferred.reset(token)
    if pending[0]:
        village_summary_refresh()


def village_summary_refresh(*, completeness: bool = True) -> None:
    """Keep the current village's activity and Kelengkapan score (none on the portal or the template)."""
    pending = _summary_deferred.get()
    if pending is not None:
        pending[0] = True
        return
    village = current_village()
    if village is None:
        return
    VillageActivity.objects.update_or_create(
        village=village, defaults={**village_activity_measure(), "measured_at": timezone.now()}
    )
    if completeness:
        village_completeness_record(village=village, score=site_completeness().score)


def village_completeness_refresh() -> int | None:
    """Measure the current schema's village (none on the portal or the template) and keep its score:
    on every publish, unpublish and delete of a page and every save of the village's branding, and
    daily for what changes with the date alone (provisioning/jobs)."""
    village = current_village()
    if village is None:
        return None
    score = site_completeness().score
    village_completeness_record(village=village, score=score)
    return score
