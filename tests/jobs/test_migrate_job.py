"""migrate_villages as a job started from the Diskominfo admin: a confirmed start with a reason and its
audit entries, one run at a time, progress per village, a failing village listed while the others are
migrated, and a run stopped or killed half-way finished by the next one with nothing migrated twice.

A pending migration is simulated as in tests/provisioning/test_migrate_villages.py: the history row of
`support.0001` is deleted from a village's schema (and its table dropped, or left in the way to fail)."""

import re
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from provisioning import schema_migrations
from provisioning.jobs import operator
from provisioning.jobs.models import OperatorJob
from provisioning.models import AuditEntry
from provisioning.schema_migrations import tenant_schemas

from ..factories import command_run, make_diskominfo_staff, sql_rows, subprocess_env
from .conftest import jobs_by_task

MIGRATION = ("support", "0001_support_access_log")
REASON = "Rilis 2.3: log akses dukungan untuk semua desa"


def _forget_support_migration(schema: str, *, drop_table: bool = True) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM \"{schema}\".django_migrations WHERE app = 'support'")
        if drop_table:
            cursor.execute(f'DROP TABLE "{schema}".support_supportaccesslog')


def _times_recorded(schema: str) -> int:
    ((count,),) = sql_rows(
        f'SELECT count(*) FROM "{schema}".django_migrations WHERE app = %s AND name = %s', MIGRATION
    )
    return count


def _has_table(schema: str) -> bool:
    return bool(
        sql_rows(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
            [schema, "support_supportaccesslog"],
        )
    )


def _staff(client_for):
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff("budi"))
    return client


def _pending_villages(factory, names):
    villages = [factory(name) for name in names]
    for village in villages:
        _forget_support_migration(village.schema)
    return villages


class Killed(BaseException):
    """Stands for SIGKILL: nothing after the point it is raised runs in that attempt."""


@pytest.mark.django_db
def test_the_village_list_tells_how_many_villages_wait_for_a_schema_update(village_factory, client_for):
    staff = _staff(client_for)
    jlodro = village_factory("Jlodro")
    page = staff.get("/admin/desa/").text
    assert "Semua skema desa sudah mutakhir." in page and "/admin/desa/perbarui-skema/" not in page

    _forget_support_migration(jlodro.schema)
    page = staff.get("/admin/desa/").text
    assert "1 skema desa memiliki migrasi yang tertunda." in page
    assert '<a class="button" href="/admin/desa/perbarui-skema/">Perbarui skema semua desa</a>' in page


@pytest.mark.django_db
def test_a_schema_update_starts_only_with_a_reason_is_audited_and_never_runs_twice(
    village_factory, client_for
):
    staff = _staff(client_for)
    jlodro, wangi = _pending_villages(village_factory, ["Jlodro", "Wangi"])
    village_factory("Prunggahan")  # up to date: not part of the job, no audit entry

    confirm = staff.get("/admin/desa/perbarui-skema/")
    assert confirm.status_code == 200
    assert "2 skema desa memiliki migrasi yang tertunda." in confirm.text
    assert "Ya, perbarui skema 2 desa" in confirm.text

    refused = staff.post("/admin/desa/perbarui-skema/", {"reason": " "})
    assert refused.status_code == 400
    assert "Tuliskan alasannya: tindakan ini tidak dijalankan tanpa alasan." in refused.text
    assert not OperatorJob.objects.exists()

    started = staff.post("/admin/desa/perbarui-skema/", {"reason": REASON})
    job = OperatorJob.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/admin/desa/pekerjaan/{job.pk}/"
    assert job.kind == OperatorJob.Kind.MIGRATE and (job.done, job.total) == (0, 2)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.MIGRATE).order_by("village_code")
    assert [(e.village_code, e.actor, e.reason) for e in entries] == [
        (code, "budi", REASON) for code in sorted([jlodro.code, wangi.code])
    ]
    progress = staff.get(started["Location"]).text
    assert "Perbarui skema semua desa" in progress and "0 dari 2 desa" in progress
    assert "Menunggu giliran" in progress and 'http-equiv="refresh"' in progress

    listing = staff.get("/admin/desa/").text
    assert "Pembaruan skema sedang berjalan: 0 dari 2 desa." in listing
    assert "/admin/desa/perbarui-skema/" not in listing

    second = staff.post("/admin/desa/perbarui-skema/", {"reason": REASON})
    assert second.status_code == 409
    assert "Pembaruan skema sedang berjalan" in second.text and "Lihat kemajuan" in second.text
    assert OperatorJob.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditEntry.Action.MIGRATE).count() == 2
    with pytest.raises(operator.MigrateRefused):
        operator.migrate_job_start(created_by="ani", reason=REASON)


@pytest.mark.django_db(transaction=True)
def test_the_worker_migrates_every_pending_village_with_progress_and_lists_the_one_that_fails(
    transactional_village_factory, job_queue, client_for
):
    villages = [transactional_village_factory(name) for name in ("Jlodro", "Wangi", "Prunggahan")]
    broken, healthy = villages[0], villages[1:]
    _forget_support_migration(broken.schema, drop_table=False)  # its table is in the way: fails
    for village in healthy:
        _forget_support_migration(village.schema)
    staff = _staff(client_for)
    started = staff.post("/admin/desa/perbarui-skema/", {"reason": REASON})
    job = OperatorJob.objects.get()
    assert jobs_by_task("jobs.villages_migrate") == [("todo", 0)]

    output = command_run("run_jobs", once=True)
    assert "Semua pekerjaan yang jatuh tempo sudah dijalankan." in output
    assert jobs_by_task("jobs.villages_migrate") == [("succeeded", 1)]
    job.refresh_from_db()
    assert job.status == OperatorJob.Status.DONE and (job.done, job.total) == (3, 3)
    for village in healthy:
        assert _has_table(village.schema) and _times_recorded(village.schema) == 1
    assert _times_recorded(broken.schema) == 0  # rolled back: still pending

    page = staff.get(started["Location"]).text
    assert "3 dari 3 desa" in page and "Selesai" in page and "refresh" not in page
    assert "2 desa diperbarui, 1 gagal" in page
    assert "1 desa gagal diperbarui; perbaiki penyebabnya lalu perbarui lagi." in page
    (failure,) = re.findall(r'<table class="listing" id="migrate-failures">.*?</table>', page, re.S)
    assert f"<td>{broken.code}</td><td>Jlodro</td>" in failure and "already exists" in failure
    assert "1 skema desa memiliki migrasi yang tertunda." in staff.get("/admin/desa/").text

    # Fixed, started again: only the village still pending is migrated.
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TABLE "{broken.schema}".support_supportaccesslog')
    again = staff.post("/admin/desa/perbarui-skema/", {"reason": "Jlodro sudah diperbaiki"})
    command_run("run_jobs", once=True)
    second = OperatorJob.objects.exclude(pk=job.pk).get()
    assert again["Location"] == f"/admin/desa/pekerjaan/{second.pk}/"
    assert second.status == OperatorJob.Status.DONE and (second.done, second.total) == (1, 1)
    assert list(second.result["migrated"].values()) == [broken.code] and second.result["failed"] == {}
    for village in villages:
        assert _times_recorded(village.schema) == 1
    assert "Semua skema desa sudah mutakhir." in staff.get("/admin/desa/").text


@pytest.mark.django_db
@pytest.mark.parametrize("killed_before_recording", [False, True])
def test_a_run_stopped_half_way_is_finished_by_the_rerun_without_migrating_any_village_twice(
    killed_before_recording, village_factory, monkeypatch
):
    villages = _pending_villages(village_factory, ["Jlodro", "Wangi", "Prunggahan"])
    order = [schema for schema in tenant_schemas() if schema in {v.schema for v in villages}]
    job = operator.migrate_job_start(created_by="budi", reason=REASON)
    real_migrate = operator.villages_migrate
    pending_seen = []

    def dies_at_the_second_village(**kwargs):
        record = kwargs["on_outcome"]
        finished = []

        def on_outcome(outcome):
            finished.append(outcome.label)
            if len(finished) == 2 and killed_before_recording:
                raise Killed  # the schema is committed, the job does not know yet
            record(outcome)
            if len(finished) == 2:
                raise Killed  # recorded, then the worker dies

        return real_migrate(**{**kwargs, "on_outcome": on_outcome})

    monkeypatch.setattr(operator, "villages_migrate", dies_at_the_second_village)
    with pytest.raises(Killed):
        operator.migrate_job_run(job_id=str(job.pk))
    connection.set_schema_to_public()
    job.refresh_from_db()
    assert job.status == OperatorJob.Status.RUNNING
    assert job.done == (1 if killed_before_recording else 2) and job.total == 3
    assert [_times_recorded(schema) for schema in order] == [1, 1, 0]

    def watched(**kwargs):
        on_pending = kwargs["on_pending"]

        def record_pending(pending):
            pending_seen.append(sorted(pending))
            on_pending(pending)

        return real_migrate(**{**kwargs, "on_pending": record_pending})

    monkeypatch.setattr(operator, "villages_migrate", watched)
    job = operator.migrate_job_run(job_id=str(job.pk))
    connection.set_schema_to_public()
    assert pending_seen == [order[2:]]  # the rerun migrated only the village left
    assert job.status == OperatorJob.Status.DONE and (job.done, job.total) == (3, 3)
    assert sorted(job.result["migrated"].values()) == sorted(village.code for village in villages)
    assert job.result["failed"] == {} and not job.message
    for village in villages:
        assert _has_table(village.schema) and _times_recorded(village.schema) == 1
    assert operator.migrate_job_run(job_id=str(job.pk)).result == job.result  # done stays done
    assert pending_seen == [order[2:]]


@pytest.mark.django_db
def test_a_run_whose_queue_entry_gave_up_no_longer_blocks_the_button(village_factory, client_for):
    _pending_villages(village_factory, ["Jlodro"])
    job = operator.migrate_job_start(created_by="budi", reason=REASON)
    OperatorJob.objects.filter(pk=job.pk).update(status=OperatorJob.Status.RUNNING)
    with connection.cursor() as cursor:
        # What procrastinate leaves after the last retry of an attempt that raised.
        cursor.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status, attempts) "
            "VALUES ('default', 'jobs.villages_migrate', %s::jsonb, 'failed', 3)",
            [f'{{"job": "{job.pk}"}}'],
        )
    staff = _staff(client_for)
    page = staff.get(f"/admin/desa/pekerjaan/{job.pk}/").text
    assert "Gagal" in page and "Pekerjaan berhenti sebelum selesai." in page
    assert "Perbarui skema semua desa</a>" in staff.get("/admin/desa/").text


def _second_village_blocked(job_id) -> bool:
    """True once the worker has recorded one village and waits on the table the test is creating."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT done FROM public.jobs_operatorjob WHERE id = %s", [job_id])
        (done,) = cursor.fetchone()
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        (waiting,) = cursor.fetchone()
    return done >= 1 and waiting >= 1


@pytest.mark.heavy
@pytest.mark.django_db(transaction=True)
def test_a_schema_update_whose_worker_is_killed_is_finished_by_the_next_run_once(
    transactional_village_factory, job_queue
):
    villages = [transactional_village_factory(name) for name in ("Jlodro", "Wangi", "Prunggahan")]
    for village in villages:
        _forget_support_migration(village.schema)
    job = operator.migrate_job_start(created_by="budi", reason=REASON)
    order = [schema for schema in tenant_schemas() if schema in {v.schema for v in villages}]
    worker = None
    try:
        with transaction.atomic():
            # The second village's table, created and not committed: the worker's CREATE TABLE
            # there waits on it, after the first village is migrated and recorded. There we kill it.
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE TABLE "{order[1]}".support_supportaccesslog (id integer)')
            worker = subprocess.Popen(
                [sys.executable, str(settings.BASE_DIR / "manage.py"), "run_jobs", "--once"],
                env=subprocess_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            deadline = time.monotonic() + 300
            while not _second_village_blocked(job.pk):
                assert worker.poll() is None, worker.stderr.read().decode()[-3000:]
                assert time.monotonic() < deadline, "the worker never reached the second village"
                time.sleep(0.3)
            worker.send_signal(signal.SIGKILL)
            assert worker.wait(timeout=30) == -signal.SIGKILL
            transaction.set_rollback(True)  # the blocker goes; the worker's transaction died with it
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait()
    connection.set_schema_to_public()
    job.refresh_from_db()
    assert job.status == OperatorJob.Status.RUNNING and list(job.result["migrated"]) == order[:1]
    assert [_times_recorded(schema) for schema in order] == [1, 0, 0]
    assert jobs_by_task("jobs.villages_migrate") == [("doing", 0)]

    output = command_run("run_jobs", once=True, stalled_after=0)
    assert "1 pekerjaan yang terhenti diulang" in output
    assert jobs_by_task("jobs.villages_migrate") == [("succeeded", 2)]  # the same job, run again
    job.refresh_from_db()
    assert job.status == OperatorJob.Status.DONE and (job.done, job.total) == (3, 3)
    assert sorted(job.result["migrated"]) == sorted(order) and job.result["failed"] == {}
    for schema in order:
        assert _has_table(schema) and _times_recorded(schema) == 1


@pytest.fixture
def another_run_going_on(monkeypatch):
    """A schema update run (the command by hand, or another job) holds the platform's lock."""
    monkeypatch.setattr(schema_migrations, "SCHEMA_UPDATE_LOCK_WAIT", "200ms")
    holder = connections.create_connection(DEFAULT_DB_ALIAS)
    with holder.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [schema_migrations.SCHEMA_UPDATE_LOCK_KEY])
    yield
    holder.close()


@pytest.mark.django_db
def test_the_command_and_the_job_never_run_at_the_same_time(village_factory, job_queue, another_run_going_on):
    wangi = _pending_villages(village_factory, ["Wangi"])[0]
    with pytest.raises(CommandError, match="Pembaruan skema lain sedang berjalan"):
        command_run("migrate_villages")
    job = operator.migrate_job_start(created_by="budi", reason=REASON)
    command_run("run_jobs", once=True)
    job.refresh_from_db()
    assert job.status == OperatorJob.Status.FAILED and job.finished
    assert job.message == schema_migrations.SCHEMA_UPDATE_BUSY
    assert _times_recorded(wangi.schema) == 0  # nothing touched while the other run holds the lock
    assert operator.migrate_job_active() is None  # the button is offered again


@pytest.mark.django_db
def test_a_run_takes_the_lock_once_the_other_one_has_let_go(village_factory, monkeypatch):
    wangi = _pending_villages(village_factory, ["Wangi"])[0]
    monkeypatch.setattr(schema_migrations, "SCHEMA_UPDATE_LOCK_WAIT", "200ms")
    with schema_migrations.schema_update_lock():
        with pytest.raises(schema_migrations.SchemaUpdateBusy):
            with schema_migrations.schema_update_lock():
                pass
    command_run("migrate_villages", processes=1)  # the first holder's connection is gone with its lock
    assert _times_recorded(wangi.schema) == 1
