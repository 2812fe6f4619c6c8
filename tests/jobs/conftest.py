import pytest
from django.db import connection

# procrastinate's tables are not Django-managed, so a transactional test's flush leaves their rows.
_QUEUE_TABLES = (
    "procrastinate_jobs, procrastinate_periodic_defers, procrastinate_events, procrastinate_workers"
)


def queue_empty() -> None:
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {_QUEUE_TABLES} RESTART IDENTITY CASCADE")


@pytest.fixture
def job_queue(transactional_db):
    """An empty job queue before and after the test."""
    queue_empty()
    yield
    queue_empty()


def jobs_by_task(task_name: str) -> list[tuple[str, int]]:
    """(status, attempts) of every queued job of `task_name`."""
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, attempts FROM procrastinate_jobs WHERE task_name = %s ORDER BY id", [task_name]
        )
        return cursor.fetchall()
