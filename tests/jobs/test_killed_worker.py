"""A worker killed in the middle of a job (SIGKILL: no chance to clean up) leaves the job `doing`;
the next `run_jobs --once` puts it back in the queue and finishes it, once."""

import signal
import subprocess
import sys
import time
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision

from villageweb.news.models import NewsPage
from villageweb.portal.federation.models import FederatedNewsItem

from ..factories import command_run, in_village, make_news_page, subprocess_env
from .conftest import jobs_by_task

TASK = "jobs.village_scheduled_publish"


def _publish_job_blocked() -> bool:
    """True once the worker's publish job is running and waiting for the page row we hold."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM public.procrastinate_jobs WHERE task_name = %s AND status = 'doing'", [TASK]
        )
        (doing,) = cursor.fetchone()
        # Activity statistics are a snapshot kept for the whole transaction (we hold the lock in
        # one): take a fresh one for every look.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        (waiting,) = cursor.fetchone()
    return doing == 1 and waiting >= 1


def _state() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT task_name, status, args::text FROM public.procrastinate_jobs ORDER BY id")
        jobs = cursor.fetchall()
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT state, wait_event_type, left(query, 120) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return f"jobs={jobs} sessions={cursor.fetchall()}"


def test_job_of_a_killed_worker_is_finished_by_the_next_run_and_not_doubled(
    transactional_village_factory, job_queue
):
    jlodro = transactional_village_factory("Jlodro")
    with in_village(jlodro):
        page = make_news_page("Penyaluran BLT Dana Desa", date=timezone.localdate(), publish=False)
        page.go_live_at = timezone.now() + timedelta(hours=1)
        revision = page.save_revision()
        revision.publish()  # scheduled, not live
        # Now due: the go-live time moved into the past (the page, the revision's content and its
        # approval) instead of waiting for the clock.
        due = timezone.now() - timedelta(seconds=1)
        content = {**revision.content, "go_live_at": DjangoJSONEncoder().default(due)}
        Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=due, content=content)
        Page.objects.filter(pk=page.pk).update(go_live_at=due)

    worker = None
    try:
        with in_village(jlodro), transaction.atomic():
            # Hold the page row: the worker's publish blocks on it mid-job, where we kill it.
            Page.objects.select_for_update().get(pk=page.pk)
            worker = subprocess.Popen(
                [sys.executable, str(settings.BASE_DIR / "manage.py"), "run_jobs", "--once"],
                env=subprocess_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            deadline = time.monotonic() + 300
            while not _publish_job_blocked():
                assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, f"the worker never reached the publish: {_state()}"
                time.sleep(0.5)
            worker.send_signal(signal.SIGKILL)
            assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait()
    connection.set_schema_to_public()
    assert [status for status, _ in jobs_by_task(TASK)] == ["doing"]
    with in_village(jlodro):
        assert not NewsPage.objects.get(pk=page.pk).live  # the killed publish was rolled back

    output = command_run("run_jobs", once=True, stalled_after=0)
    assert "1 pekerjaan yang terhenti diulang" in output
    assert jobs_by_task(TASK) == [("succeeded", 2)]  # the same job: killed attempt + rerun, no second job
    with in_village(jlodro):
        assert NewsPage.objects.get(pk=page.pk).live
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
    assert FederatedNewsItem.objects.filter(source_page_id=page.pk, village__code=jlodro.code).count() == 1

    command_run("run_jobs", once=True, stalled_after=0)  # a further run finds nothing left to do
    with in_village(jlodro):
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
