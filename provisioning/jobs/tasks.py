"""The platform's jobs, found by procrastinate's Django app (it imports every app's `tasks` module).

Periodic tasks run in the public schema and only decide which villages have work; each village's
work is a job of its own that names the village (`village=<code>`) and switches to its schema
itself. Per-village jobs share a procrastinate `lock` per village, so two chores never run in one
schema at once, and a `queueing_lock` per (task, village), so a village never has the same chore
waiting twice. Times in cron are UTC (Tuban is UTC+7): docs/jobs.md lists what runs when.
"""

import logging

from asgiref.sync import sync_to_async
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from provisioning.jobs import operator, reminders, services

logger = logging.getLogger(__name__)

# A failing village chore is tried again a few times, a minute apart, then left failed for the
# operator (`manage.py procrastinate` lists it); the next day's run tries it afresh anyway.
VILLAGE_RETRY = RetryStrategy(max_attempts=3, wait=60)


async def villages_defer(task, codes: list[str]) -> int:
    """Queue `task` once for each village code; a village whose job is already waiting is skipped."""
    deferred = 0
    for code in codes:
        try:
            await task.configure(lock=f"village:{code}", queueing_lock=f"{task.name}:{code}").defer_async(
                village=code
            )
        except AlreadyEnqueued:
            continue
        deferred += 1
    return deferred


def _in_village(code: str, chore) -> None:
    try:
        with services.village_schema(code):
            chore()
    except services.VillageGone:
        logger.info("Village %s is gone or not active; job skipped", code)


@app.task(name="jobs.village_scheduled_publish", retry=VILLAGE_RETRY)
def village_scheduled_publish(village: str) -> None:
    """Go-live and expiry of one village's pages (Wagtail's publish_scheduled)."""
    _in_village(village, services.scheduled_pages_publish)


def _village_upkeep() -> None:
    services.revisions_purge()
    services.setup_links_expire()
    services.search_index_check()
    services.completeness_measure()
    services.disclosures_measure()


@app.task(name="jobs.village_upkeep", retry=VILLAGE_RETRY)
def village_upkeep(village: str) -> None:
    """One village's daily housekeeping: old revisions, expired setup links, search index, and its
    Kelengkapan Situs score for the portal directory."""
    _in_village(village, _village_upkeep)


@app.periodic(cron="* * * * *", periodic_id="scheduled-publishing")
@app.task(name="jobs.scheduled_publishing_check", queueing_lock="jobs.scheduled_publishing_check")
async def scheduled_publishing_check(timestamp: int) -> None:
    """Every minute: queue a publish job for each village with a page due (one query for all)."""
    codes = await sync_to_async(services.scheduled_villages_find)()
    await villages_defer(village_scheduled_publish, codes)


@app.periodic(cron="30 19 * * *", periodic_id="daily-upkeep")
@app.task(name="jobs.daily_upkeep", queueing_lock="jobs.daily_upkeep")
async def daily_upkeep(timestamp: int) -> None:
    """02:30 WIB: the platform's own chores, then every active village's."""
    await sync_to_async(services.announcements_expire)()
    await sync_to_async(services.exports_expire)()
    await sync_to_async(services.case_deadlines_remind)()
    await sync_to_async(services.case_personal_data_erase)()
    codes = await sync_to_async(services.active_village_codes)()
    await villages_defer(village_upkeep, codes)


def _village_reminders() -> None:
    village = services.current_village()
    reminders.village_reminders_send(village=village)


@app.task(name="jobs.village_reminders", retry=VILLAGE_RETRY)
def village_reminders(village: str) -> None:
    """One village's weekly reminder to its admins and operators (at most once a week each)."""
    _in_village(village, _village_reminders)


@app.periodic(cron="0 0 * * 1", periodic_id="weekly-reminders")
@app.task(name="jobs.weekly_reminders", queueing_lock="jobs.weekly_reminders")
async def weekly_reminders(timestamp: int) -> None:
    """Monday 07:00 WIB: queue every active village's reminder job."""
    codes = await sync_to_async(services.active_village_codes)()
    await villages_defer(village_reminders, codes)


@app.periodic(cron="0 1 1 * *", periodic_id="monthly-summary")
@app.task(name="jobs.monthly_summary", queueing_lock="jobs.monthly_summary")
def monthly_summary(timestamp: int) -> None:
    """The 1st, 08:00 WIB: the activity summary per kecamatan to Diskominfo, with the CSV."""
    reminders.regency_summary_send()


# Run by every `run_jobs --once` besides their ticks: each finds its due work in one query.
ALWAYS_DUE = [scheduled_publishing_check]


# Diskominfo's heavy actions (provisioning/jobs/operator.py): tried again after a failure, and
# after a killed worker by the stalled-job retry of the next run; both runs are idempotent.
OPERATOR_RETRY = RetryStrategy(max_attempts=3, wait=30)


@app.task(name="jobs.villages_import", retry=OPERATOR_RETRY)
def villages_import(job: str) -> None:
    """A bulk import started from the Diskominfo admin, with its handover sheets."""
    operator.import_job_run(job_id=job)


@app.task(name="jobs.village_export", retry=OPERATOR_RETRY)
def village_export(job: str) -> None:
    """One village's export started from the Diskominfo admin."""
    operator.export_job_run(job_id=job)


# One schema update at a time across workers, whatever the admin let through.
@app.task(name="jobs.villages_migrate", retry=OPERATOR_RETRY, lock="jobs.villages_migrate")
def villages_migrate(job: str) -> None:
    """The pending migrations of every village schema (migrate_villages), started from the admin."""
    operator.migrate_job_run(job_id=job)
