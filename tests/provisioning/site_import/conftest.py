from tests.jobs.conftest import job_queue  # noqa: F401 - the empty job queue fixture, shared
