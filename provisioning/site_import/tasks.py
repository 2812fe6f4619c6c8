"""The job runner's task for an old-site import (found by procrastinate's Django app, which imports
every app's `tasks` module)."""

from procrastinate.contrib.django import app

from provisioning.site_import.job import site_import_job_run


@app.task(name="jobs.site_import")
def site_import_run(job: str) -> None:
    """An old village site (WordPress or OpenSID) imported from the Diskominfo admin; not retried: a
    failed import imported nothing and its page says why."""
    site_import_job_run(job_id=job)
