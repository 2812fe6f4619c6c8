"""Diskominfo's heavy actions as jobs: a Kemendagri list uploaded in the admin is checked whole, then
imported by the worker with a progress page and downloadable handover sheets; a village's export is
a job too. Both finish once after an interruption, nothing doubled."""

import io
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from provisioning.jobs import operator
from provisioning.jobs.models import OperatorJob
from provisioning.models import AuditEntry, VillageExport
from tenants.models import Domain, Village, schema_name_for_code
from villageweb.accounts.models import SetupLink

from ..factories import command_run, make_diskominfo_staff, subprocess_env, village_of
from .conftest import jobs_by_task

HEADER = "code,name,kind,district_code,district_name\n"
GOOD = HEADER + (
    "35.23.01.2001,Jlodro,desa,35.23.01,Kenduruan\n"
    "35.23.01.2002,Sokogunung,desa,35.23.01,Kenduruan\n"
    "35.23.01.2003,Jamprong,desa,35.23.01,Kenduruan\n"
)
CODES = ["35.23.01.2001", "35.23.01.2002", "35.23.01.2003"]


@pytest.fixture
def imported_dropped(transactional_db):
    """The schemas the imports of a transactional test create (its flush empties tables only)."""
    yield
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        for code in CODES:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema_name_for_code(code)}" CASCADE')


@pytest.fixture
def export_root(settings, tmp_path):
    settings.VILLAGEWEB_EXPORT_ROOT = str(tmp_path / "exports")
    return tmp_path / "exports"


def _staff(client_for, username="budi", in_group=True):
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff(username, in_group=in_group))
    return client


def _upload(client, text: str | bytes, name="daftar.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post("/admin/desa/impor/", {"file": SimpleUploadedFile(name, data, "text/csv")})


def _zip_texts(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD + "35.23.01.20x4,Tasikmadu,desa,35.23.01,Kenduruan\n",
            "1 baris bermasalah; tidak ada desa yang dibuat.",
        ),
        ("kode,nama\n35.23.01.2001,Jlodro\n", "Baris 1 harus berisi judul kolom"),
        (
            b"code,name,kind,district_code,district_name\n" + "Jlodro\xe9".encode("latin-1"),
            "bukan teks UTF-8",
        ),
        (HEADER, "tidak berisi satu desa pun"),
    ],
)
def test_a_bad_list_is_refused_in_indonesian_and_nothing_is_created(
    text, message, platform, client_for, export_root
):
    response = _upload(_staff(client_for), text)
    assert response.status_code == 400
    assert message in response.text
    assert "Traceback" not in response.text and "/exports/" not in response.text
    assert not OperatorJob.objects.exists()
    assert not Village.objects.filter(code__in=CODES).exists()
    assert list((export_root / "jobs").iterdir()) == []  # the upload is not kept


@pytest.mark.django_db
def test_a_bad_row_is_reported_by_line_and_code(platform, client_for, export_root):
    response = _upload(_staff(client_for), GOOD + "35.23.01.2004,Tasikmadu,pulau,35.23.01,Kenduruan\n")
    assert response.status_code == 400
    assert re.search(
        r"<td>5</td><td>35\.23\.01\.2004</td><td>jenis &#x27;pulau&#x27; tidak dikenal", response.text
    )


@pytest.mark.django_db
def test_only_diskominfo_staff_upload_or_see_jobs(platform, client_for, export_root):
    outsider = _staff(client_for, "tamu", in_group=False)
    refused = _upload(outsider, GOOD)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    job = operator.import_job_start(upload=SimpleUploadedFile("d.csv", GOOD.encode()), created_by="budi")
    for path in (f"/admin/desa/pekerjaan/{job.pk}/", f"/admin/desa/pekerjaan/{job.pk}/unduh/"):
        assert outsider.get(path).status_code == 302
    assert not Village.objects.filter(code__in=CODES).exists()


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_list_is_imported_by_the_worker_with_progress_and_handover_sheets(
    transactional_village_factory, job_queue, imported_dropped, client_for, export_root
):
    transactional_village_factory("Sumurgeneng")  # the platform, and one village that is not in the list
    staff = _staff(client_for)
    response = _upload(staff, GOOD)
    assert response.status_code == 302
    job = OperatorJob.objects.get()
    assert response["Location"] == f"/admin/desa/pekerjaan/{job.pk}/"
    assert jobs_by_task("jobs.villages_import") == [("todo", 0)]

    waiting = staff.get(response["Location"]).text
    assert "0 dari 3 desa" in waiting and "Menunggu giliran" in waiting
    assert '<meta http-equiv="refresh" content="3">' in waiting  # progress without JavaScript
    assert staff.get(f"/admin/desa/pekerjaan/{job.pk}/unduh/").status_code == 404  # not ready yet

    command_run("run_jobs", once=True)
    assert jobs_by_task("jobs.villages_import") == [("succeeded", 1)]
    assert sorted(Village.objects.filter(code__in=CODES).values_list("code", flat=True)) == CODES
    finished = staff.get(response["Location"]).text
    assert "3 dari 3 desa" in finished and "Selesai" in finished and "refresh" not in finished
    assert "3 desa dibuat, 0 sudah ada (dilewati), 0 gagal." in finished

    download = staff.get(f"/admin/desa/pekerjaan/{job.pk}/unduh/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="lembar-serah-terima-')
    sheets = _zip_texts(b"".join(download.streaming_content))
    assert sorted(sheets) == ["35.23.01-kenduruan.html", "index.html"]
    links = re.findall(r"http://[\w.-]+/akun/atur-kata-sandi/[\w-]+/", sheets["35.23.01-kenduruan.html"])
    assert len(set(links)) == 3
    assert {"Desa Jlodro", "Desa Sokogunung", "Desa Jamprong"} <= set(
        re.findall(r"Desa \w+", sheets["35.23.01-kenduruan.html"])
    )

    # Uploading the same list again creates nothing: every village exists.
    again = _upload(staff, GOOD)
    command_run("run_jobs", once=True)
    second = OperatorJob.objects.exclude(pk=job.pk).get()
    assert again["Location"] == f"/admin/desa/pekerjaan/{second.pk}/"
    assert second.total == 0 and second.result["created"] == [] and second.result["existing"] == 3
    assert Village.objects.filter(code__in=CODES).count() == 3


class Killed(BaseException):
    """Stands for SIGKILL: nothing after the point it is raised runs in that attempt."""


@pytest.mark.django_db
def test_an_import_interrupted_between_a_village_and_its_record_finishes_once(
    platform, monkeypatch, export_root
):
    job = operator.import_job_start(upload=SimpleUploadedFile("d.csv", GOOD.encode()), created_by="budi")
    real_import = operator.village_list_import
    calls = []

    def dies_after_the_second_village(**kwargs):
        record = kwargs["on_created"]

        def on_created(entry):
            calls.append(entry["code"])
            if len(calls) == 2:
                raise Killed  # the village is committed; its entry and setup link are not recorded
            record(entry)

        return real_import(**{**kwargs, "on_created": on_created})

    monkeypatch.setattr(operator, "village_list_import", dies_after_the_second_village)
    with pytest.raises(Killed):
        operator.import_job_run(job_id=str(job.pk))
    connection.set_schema_to_public()
    job.refresh_from_db()
    assert job.status == OperatorJob.Status.RUNNING and len(job.result["created"]) == 1
    assert Village.objects.filter(code__in=CODES).count() == 2

    monkeypatch.setattr(operator, "village_list_import", real_import)
    job = operator.import_job_run(job_id=str(job.pk))
    connection.set_schema_to_public()
    assert job.status == OperatorJob.Status.DONE and (job.done, job.total) == (3, 3)
    assert sorted(Village.objects.filter(code__in=CODES).values_list("code", flat=True)) == CODES
    assert sorted(entry["code"] for entry in job.result["created"]) == CODES
    # The village whose link was lost has one working link now: the one on the handover sheet.
    lost = Village.objects.get(code=calls[1])
    (entry,) = [entry for entry in job.result["created"] if entry["code"] == lost.code]
    with schema_context(lost.schema_name):
        working = SetupLink.objects.filter(used_at__isnull=True, expires_at__gt=timezone.now())
        assert working.count() == 1
    connection.set_schema_to_public()
    sheets = _zip_texts(Path(job.output_path).read_bytes())
    assert sheets["35.23.01-kenduruan.html"].count(entry["setup_url"]) >= 1
    assert len(set(re.findall(r"/atur-kata-sandi/[\w-]+/", sheets["35.23.01-kenduruan.html"]))) == 3

    assert operator.import_job_run(job_id=str(job.pk)).result == job.result  # done stays done


@pytest.mark.django_db(transaction=True)
def test_an_export_runs_as_a_job_and_downloads_when_ready(
    transactional_village_factory, job_queue, client_for, export_root
):
    jlodro = transactional_village_factory("Jlodro")
    staff = _staff(client_for)
    response = staff.post(f"/admin/desa/{jlodro.code}/export/")
    job = OperatorJob.objects.get(kind=OperatorJob.Kind.EXPORT)
    assert response.status_code == 302 and response["Location"] == f"/admin/desa/pekerjaan/{job.pk}/"
    assert not VillageExport.objects.exists()  # nothing was written inside the request
    assert "refresh" in staff.get(response["Location"]).text

    command_run("run_jobs", once=True)
    assert jobs_by_task("jobs.village_export") == [("succeeded", 1)]
    page = staff.get(response["Location"]).text
    assert "Unduh arsip ekspor" in page and "refresh" not in page
    job.refresh_from_db()
    assert job.done == job.total >= 2
    export = VillageExport.objects.get()
    download = staff.get(f"/admin/desa/pekerjaan/{job.pk}/unduh/")
    assert download.status_code == 200 and len(b"".join(download.streaming_content)) == export.size_bytes
    assert [
        e.action
        for e in AuditEntry.objects.filter(village_code=jlodro.code)
        .exclude(action=AuditEntry.Action.PROVISION)
        .order_by("id")
    ] == [
        AuditEntry.Action.EXPORT,
        AuditEntry.Action.DOWNLOAD,
    ]


@pytest.mark.django_db(transaction=True)
def test_an_export_interrupted_after_its_archive_is_recorded_is_not_doubled(
    transactional_village_factory, job_queue, monkeypatch, export_root
):
    jlodro = transactional_village_factory("Jlodro")  # pg_dump sees only committed schemas
    export_root.mkdir(parents=True)
    job = operator.export_job_start(code=jlodro.code, created_by="budi", output=export_root / "jlodro.tar.gz")

    def killed(*args, **kwargs):
        raise Killed

    monkeypatch.setattr(operator, "_export_job_finish", killed)
    with pytest.raises(Killed):
        operator.export_job_run(job_id=str(job.pk))
    assert VillageExport.objects.count() == 1
    assert OperatorJob.objects.get(pk=job.pk).status == OperatorJob.Status.RUNNING

    monkeypatch.undo()
    job = operator.export_job_run(job_id=str(job.pk))
    assert job.status == OperatorJob.Status.DONE
    assert VillageExport.objects.count() == 1 and job.result["export_id"] == VillageExport.objects.get().pk
    assert AuditEntry.objects.filter(village_code=jlodro.code, action=AuditEntry.Action.EXPORT).count() == 1


def _queue_state(job_id) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT task_name, status, args::text FROM public.procrastinate_jobs ORDER BY id")
        jobs = cursor.fetchall()
        cursor.execute("SELECT status, done, message FROM public.jobs_operatorjob WHERE id = %s", [job_id])
        return f"jobs={jobs} operator_job={cursor.fetchone()}"


def _import_blocked(job_id) -> bool:
    """True once the worker has recorded a village and waits for a row lock the test holds."""
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


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_is_killed_is_finished_by_the_next_run_once(
    transactional_village_factory, job_queue, imported_dropped, client_for, export_root
):
    other = transactional_village_factory("Sumurgeneng")
    assert _upload(_staff(client_for), GOOD).status_code == 302
    job = OperatorJob.objects.get()
    worker = None
    try:
        with transaction.atomic():
            # An uncommitted domain with the second village's address: the worker's insert of that
            # domain waits on it, after the first village is created and recorded. There we kill it.
            Domain.objects.create(domain="sokogunung.localhost", tenant=village_of(other), is_primary=False)
            worker = subprocess.Popen(
                [sys.executable, str(settings.BASE_DIR / "manage.py"), "run_jobs", "--once"],
                env={**subprocess_env(), "VILLAGEWEB_EXPORT_ROOT": str(export_root)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            deadline = time.monotonic() + 300
            while not _import_blocked(job.pk):
                assert worker.poll() is None, (worker.stderr.read().decode()[-3000:], _queue_state(job.pk))
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
    assert (
        job.status == OperatorJob.Status.RUNNING and [e["code"] for e in job.result["created"]] == CODES[:1]
    )
    assert jobs_by_task("jobs.villages_import") == [("doing", 0)]

    output = command_run("run_jobs", once=True, stalled_after=0)
    assert "1 pekerjaan yang terhenti diulang" in output
    assert jobs_by_task("jobs.villages_import") == [("succeeded", 2)]  # the same job, run again
    job.refresh_from_db()
    assert job.status == OperatorJob.Status.DONE and (job.done, job.total) == (3, 3)
    assert sorted(Village.objects.filter(code__in=CODES).values_list("code", flat=True)) == CODES
    assert sorted(entry["code"] for entry in job.result["created"]) == CODES
    sheets = _zip_texts(Path(job.output_path).read_bytes())
    assert len(set(re.findall(r"/akun/atur-kata-sandi/[\w-]+/", sheets["35.23.01-kenduruan.html"]))) == 3
