"""Go-live and expiry dates set in a village's admin take effect by themselves: `run_jobs --once`
runs Wagtail's publish_scheduled in every village that has something due, through the real
publish path, so the portal and the feeds follow."""

from datetime import timedelta

import feedparser
from django.db import connection
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision

from villageweb.news.models import NewsPage
from villageweb.portal.federation.models import FederatedNewsItem

from ..factories import command_run, in_village, make_news_page
from .conftest import jobs_by_task

PORTAL_HOST = "localhost"


def portal_news_html(client_for) -> str:
    connection.set_schema_to_public()
    response = client_for(PORTAL_HOST).get("/berita-desa/")
    assert response.status_code == 200
    return response.content.decode()


def feed_titles(client_for, village) -> list[str]:
    response = client_for(village.domain).get("/berita/feed/")
    assert response.status_code == 200
    return [entry.title for entry in feedparser.parse(response.content).entries]


def time_passes(page_id: int, village, *, to_go_live: bool = False, to_expiry: bool = False) -> None:
    """The minute the editor waited for has passed: move the page's dates one minute back (the
    scheduler compares them with the clock; nothing of the publishing itself is replaced)."""
    minute = timedelta(minutes=1, seconds=1)
    with in_village(village):
        if to_go_live:
            revisions = Revision.page_revisions.filter(
                object_id=str(page_id), approved_go_live_at__isnull=False
            )
            for revision in revisions:
                revision.approved_go_live_at -= minute
                revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
                revision.save(update_fields=["approved_go_live_at", "content"])
            Page.objects.filter(pk=page_id).update(go_live_at=timezone.now() - timedelta(seconds=1))
        if to_expiry:
            Page.objects.filter(pk=page_id).update(expire_at=timezone.now() - timedelta(seconds=1))
    connection.set_schema_to_public()


def test_news_scheduled_a_minute_ahead_goes_live_by_itself_and_leaves_at_expiry(
    transactional_village_factory, client_for, job_queue
):
    jlodro = transactional_village_factory("Jlodro")
    other = transactional_village_factory("Sugihwaras")
    now = timezone.now()
    with in_village(jlodro):
        page = make_news_page("Lomba desa tingkat kabupaten", date=timezone.localdate(), publish=False)
        page.go_live_at = now + timedelta(minutes=1)
        page.expire_at = now + timedelta(minutes=1, seconds=30)
        page.save_revision().publish()  # the editor's "Terbitkan" with a go-live date: only scheduled
        page.refresh_from_db()
        assert not page.live
    assert "Lomba desa tingkat kabupaten" not in portal_news_html(client_for)

    command_run("run_jobs", once=True)
    with in_village(jlodro):
        assert not NewsPage.objects.get(pk=page.pk).live, "published before its go-live time"

    time_passes(page.pk, jlodro, to_go_live=True)
    output = command_run("run_jobs", once=True)
    assert "jatuh tempo" in output
    with in_village(jlodro):
        published = NewsPage.objects.get(pk=page.pk)
        assert published.live
        assert published.expire_at is not None
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
    assert FederatedNewsItem.objects.filter(source_page_id=page.pk, village__code=jlodro.code).count() == 1
    assert "Lomba desa tingkat kabupaten" in portal_news_html(client_for)
    assert "Lomba desa tingkat kabupaten" in feed_titles(client_for, jlodro)
    # Only the village with something due got a publish job.
    assert jobs_by_task("jobs.village_scheduled_publish") == [("succeeded", 1)]  # attempts count the run
    assert other.code != jlodro.code

    time_passes(page.pk, jlodro, to_expiry=True)
    command_run("run_jobs", once=True)
    with in_village(jlodro):
        expired = NewsPage.objects.get(pk=page.pk)
        assert not expired.live
        assert expired.expired
    assert not FederatedNewsItem.objects.filter(source_page_id=page.pk, village__code=jlodro.code).exists()
    assert "Lomba desa tingkat kabupaten" not in portal_news_html(client_for)
    assert "Lomba desa tingkat kabupaten" not in feed_titles(client_for, jlodro)


def test_nothing_due_queues_no_village_job(transactional_village_factory, job_queue):
    transactional_village_factory("Jlodro")
    command_run("run_jobs", once=True)
    assert jobs_by_task("jobs.village_scheduled_publish") == []
    assert [status for status, _ in jobs_by_task("jobs.scheduled_publishing_check")] == ["succeeded"]


def test_reruns_in_the_same_minute_do_not_queue_a_periodic_tick_twice(
    transactional_village_factory, job_queue
):
    transactional_village_factory("Jlodro")
    command_run("run_jobs", once=True)
    command_run("run_jobs", once=True)
    # The daily upkeep's latest tick is queued once, however many runs see it.
    assert len(jobs_by_task("jobs.daily_upkeep")) == 1
