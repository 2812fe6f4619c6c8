"""Running the queue: the long-running worker, and `--once` for cron and tests.

Both start the same way, so a worker restarted after an outage catches up by itself:
1. jobs left `doing` by a worker that stopped sending heartbeats (killed, machine lost) go back to
   `todo` (procrastinate's stalled-job retry);
2. every periodic task whose latest tick has not been queued yet is queued now, however long ago
   that tick was. procrastinate records each (task, tick) it queues, so a tick is queued once
   whatever the number of workers or reruns;
3. the worker runs: with `once`, until the queue is empty (the jobs those jobs queue included),
   otherwise until SIGTERM/SIGINT, queueing the periodic tasks at their ticks itself.
"""

import asyncio
import logging
import math
import time

from django.conf import settings
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.periodic import PeriodicDeferrer

from provisioning.jobs.tasks import ALWAYS_DUE

logger = logging.getLogger(__name__)

WORKER_NAME = "villageweb"


async def stalled_jobs_retry(job_app, *, stalled_after: float) -> int:
    """Put back in the queue the jobs of workers silent for more than `stalled_after` seconds."""
    stalled = list(await job_app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after))
    for job in stalled:
        logger.warning("Retrying stalled job %s (%s)", job.id, job.task_name)
        await job_app.job_manager.retry_job(job)
    return len(stalled)


async def periodic_due_defer(job_app) -> None:
    """Queue the latest past tick of every periodic task unless it was queued already."""
    job_app.perform_import_paths()
    deferrer = PeriodicDeferrer(registry=job_app.periodic_registry, max_delay=math.inf)
    await deferrer.defer_jobs(deferrer.get_previous_tasks(at=time.time()))


async def _always_due_defer(job_app) -> None:
    """`--once` also queues the checks that find due work themselves (a page past its go-live time
    is due whether or not this minute's tick was queued by an earlier run in the same minute)."""
    for task in ALWAYS_DUE:
        try:
            await job_app.tasks[task.name].defer_async(timestamp=int(time.time()))
        except AlreadyEnqueued:
            continue


async def _run(job_app, *, once: bool, stalled_after: float) -> dict:
    async with job_app.open_async():
        retried = await stalled_jobs_retry(job_app, stalled_after=stalled_after)
        await periodic_due_defer(job_app)
        if once:
            await _always_due_defer(job_app)
        await job_app.run_worker_async(
            name=WORKER_NAME,
            wait=not once,
            listen_notify=not once,
            install_signal_handlers=True,
            concurrency=1,
            stalled_worker_timeout=stalled_after,
        )
    return {"retried": retried}


def jobs_run(*, once: bool, stalled_after: float | None = None) -> dict:
    """Run the worker on procrastinate's own psycopg connection pool (Django's connection, which
    the app uses to queue jobs from web requests, cannot listen or be shared with a worker loop)."""
    stalled_after = settings.VILLAGEWEB_JOBS_STALLED_SECONDS if stalled_after is None else stalled_after
    with app.replace_connector(app.connector.get_worker_connector()) as job_app:
        return asyncio.run(_run(job_app, once=once, stalled_after=stalled_after))
