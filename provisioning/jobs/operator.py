"""Diskominfo's heavy actions as jobs: a bulk import from an uploaded Kemendagri list, the export
of one village, and the schema update of every village (migrate_villages). The admin starts them
(`*_job_start`, in the request), the worker runs them (`*_job_run`, from provisioning/jobs/tasks.py),
and the job's page shows its progress.

Every run is idempotent: a worker killed at any moment leaves a job the next run finishes, with
nothing done twice.
- Import: each village is its own transaction (provisioning/importing.py) and its entry (with its
  one-time setup link) is recorded in the job right after; a rerun skips the villages that exist.
  A village whose entry was lost with the killed worker (created, not yet recorded) gets a fresh
  setup link, which voids the unseen one, so the handover sheets list every village once.
- Export: the archive's `VillageExport` row and its audit entry commit together (village_export);
  a worker killed before that leaves no row and the rerun writes the archive again, one killed
  after it leaves a job the rerun marks done with that archive, recorded and audited once.
- Schema update: each schema migrates in its own transaction (provisioning/schema_migrations.py),
  so a killed run leaves every schema migrated or untouched; the rerun reads the schemas' history
  again and migrates only those still pending. A schema the killed attempt migrated without
  recording it counts as migrated, since it is no longer pending.
"""

import shutil
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from provisioning.audit import audit_records
from provisioning.handover import handover_sheets_write
from provisioning.importing import village_list_import
from provisioning.jobs.models import OperatorJob
from provisioning.models import AuditEntry, VillageExport
from provisioning.schema_migrations import (
    SchemaOutcome,
    SchemaUpdateBusy,
    tenant_schemas,
    villages_migrate,
    villages_pending,
)
from provisioning.services import lifecycle
from provisioning.services.archive import village_export
from provisioning.village_list import RowError, VillageListUnreadable, village_list_read
from tenants.models import Domain, Village

# A Kemendagri list of a whole regency is about 30 KB; anything far larger is not one.
IMPORT_MAX_BYTES = 2 * 1024 * 1024
# Errors listed on the refusal page; a file with more is wrong as a whole.
IMPORT_ERRORS_SHOWN = 50
HANDOVER_ARCHIVE = "lembar-serah-terima.zip"


class ImportRefused(Exception):
    """The uploaded list cannot be imported; `errors` are its row errors (line, code, reason)."""

    def __init__(self, message: str, errors: list[RowError] | None = None):
        super().__init__(message)
        self.errors = errors or []


def jobs_root() -> Path:
    """Each job's private folder lives under VILLAGEWEB_EXPORT_ROOT (setup links and archives)."""
    root = Path(settings.VILLAGEWEB_EXPORT_ROOT) / "jobs"
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def _job_folder(job: OperatorJob) -> Path:
    folder = jobs_root() / str(job.pk)
    folder.mkdir(exist_ok=True, mode=0o700)
    return folder


def import_job_start(*, upload: UploadedFile, created_by: str) -> OperatorJob:
    """Check the uploaded list whole and queue its import; refuse it, keeping nothing, if it has any
    bad row (the admin fixes the file and uploads it again)."""
    if upload.size > IMPORT_MAX_BYTES:
        raise ImportRefused(
            f"Berkas terlalu besar ({upload.size // 1024} KB): daftar Kemendagri satu kabupaten "
            f"hanya puluhan KB, batasnya {IMPORT_MAX_BYTES // 1024 // 1024} MB."
        )
    job = OperatorJob(kind=OperatorJob.Kind.IMPORT, created_by=created_by)
    folder = _job_folder(job)
    path = folder / "daftar-desa.csv"
    try:
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            listing = village_list_read(path, regency_code=settings.VILLAGEWEB_REGENCY_CODE)
        except VillageListUnreadable as error:
            # The message names the server path; the operator knows the file by its own name.
            raise ImportRefused(str(error).replace(f"'{path}'", f"'{upload.name}'")) from error
        if listing.errors:
            raise ImportRefused(
                f"{len(listing.errors)} baris bermasalah; tidak ada desa yang dibuat. "
                "Perbaiki berkasnya lalu unggah lagi.",
                listing.errors[:IMPORT_ERRORS_SHOWN],
            )
        if not listing.villages:
            raise ImportRefused("Berkas tidak berisi satu desa pun.")
    except ImportRefused:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    existing = set(Village.objects.villages().values_list("code", flat=True))
    pending = sorted(listed.code for listed in listing.villages if listed.code not in existing)
    job.input_path = str(path)
    job.total = len(pending)
    job.result = {
        "pending": pending,
        "created": [],
        "errors": [],
        "existing": len(listing.villages) - len(pending),
    }
    with transaction.atomic():
        job.save()
        transaction.on_commit(lambda: _defer("jobs.villages_import", job))
    return job


def _defer(task_name: str, job: OperatorJob) -> None:
    app.tasks[task_name].configure(queueing_lock=f"{task_name}:{job.pk}").defer(job=str(job.pk))


def _recovered_entry(code: str, *, actor: str) -> dict | None:
    """The handover entry of a village this job created whose entry died with a killed worker."""
    village = Village.objects.villages().filter(code=code).first()
    if village is None:
        return None
    link = lifecycle.village_admin_setup_link_issue(code=code, username="admin", actor=actor)
    domain = Domain.objects.get(tenant=village, is_primary=True).domain
    return {
        "code": code,
        "schema": village.schema_name,
        "domain": domain,
        "url": f"{village.url}/",
        "admin_url": f"{village.url}/admin/",
        "admin_username": "admin",
        "setup_url": link.url,
        "setup_expires_at": timezone.localtime(link.expires_at).isoformat(),
        "name": village.name,
        "kind": village.kind,
        "district_code": village.district_code,
        "district_name": village.district_name,
    }


def import_job_run(*, job_id: str) -> OperatorJob:
    job = OperatorJob.objects.get(pk=job_id)
    if job.status == OperatorJob.Status.DONE:
        return job
    job.status = OperatorJob.Status.RUNNING
    job.save(update_fields=["status"])
    pending = set(job.result["pending"])
    created = {entry["code"]: entry for entry in job.result["created"]}
    handled_before = len(created)

    def record_created(entry: dict) -> None:
        created[entry["code"]] = entry
        job.result["created"] = list(created.values())
        job.save(update_fields=["result"])

    def record_progress(progress) -> None:
        job.done = min(job.total, handled_before + progress.done)
        job.save(update_fields=["done"])

    # One process: the job runs on a worker thread, and the importer's forked pool would tie its
    # children's life to that thread.
    result = village_list_import(
        path=job.input_path,
        actor=job.created_by,
        workers=1,
        on_progress=record_progress,
        on_created=record_created,
    )
    failed = {error.code for error in result.errors}
    for code in sorted(pending - created.keys() - failed):
        entry = _recovered_entry(code, actor=job.created_by)
        if entry is not None:
            record_created(entry)
    entries = sorted(created.values(), key=lambda entry: entry["code"])
    folder = _job_folder(job)
    sheets = folder / "lembar-serah-terima"
    shutil.rmtree(sheets, ignore_errors=True)
    output = ""
    if entries:
        written = handover_sheets_write(created=entries, directory=sheets)
        output = str(_zip_write(folder / HANDOVER_ARCHIVE, written, sheets))
    job.result["created"] = entries
    job.result["errors"] = [error.as_dict() for error in result.errors]
    job.output_path = output
    job.done = job.total
    job.status = OperatorJob.Status.DONE
    job.finished_at = timezone.now()
    job.save()
    return job


def _zip_write(path: Path, files: list[Path], base: Path) -> Path:
    partial = path.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.write(file, arcname=file.relative_to(base).as_posix())
    partial.chmod(0o600)
    partial.replace(path)
    return path


def export_job_start(*, code: str, created_by: str, output: Path, address: str | None = None) -> OperatorJob:
    village = lifecycle.village_get(code=code)
    job = OperatorJob(
        kind=OperatorJob.Kind.EXPORT,
        village_code=village.code,
        created_by=created_by,
        created_from=address,
        output_path=str(output),
        total=1,
    )
    with transaction.atomic():
        job.save()
        transaction.on_commit(lambda: _defer("jobs.village_export", job))
    return job


def export_job_run(*, job_id: str) -> OperatorJob:
    job = OperatorJob.objects.get(pk=job_id)
    if job.status == OperatorJob.Status.DONE:
        return job
    job.status = OperatorJob.Status.RUNNING
    job.save(update_fields=["status"])

    def record_progress(done: int, total: int) -> None:
        OperatorJob.objects.filter(pk=job.pk).update(done=done, total=total)

    # A worker killed after the archive was recorded but before the job was marked done: the
    # archive is whole (written aside, then renamed) and recorded once; finish with it.
    export = VillageExport.objects.filter(path=job.output_path).first()
    if export is None or not Path(export.path).is_file():
        try:
            export = village_export(
                code=job.village_code,
                output=Path(job.output_path),
                actor=job.created_by,
                address=job.created_from,
                on_progress=record_progress,
            )
        except lifecycle.LifecycleError as error:
            job.status, job.finished_at = OperatorJob.Status.FAILED, timezone.now()
            job.message = str(error)[:500]
            job.save()
            return job
    return _export_job_finish(job, export)


def _export_job_finish(job: OperatorJob, export: VillageExport) -> OperatorJob:
    """Mark the job done with its archive (recorded and audited by village_export already)."""
    with transaction.atomic():
        job.refresh_from_db(fields=["total"])
        job.done = job.total
        job.result = {"export_id": export.pk, "size_bytes": export.size_bytes}
        job.status = OperatorJob.Status.DONE
        job.finished_at = timezone.now()
        job.save()
    return job


class MigrateRefused(Exception):
    """A schema update cannot start now (one is running, or nothing is pending)."""


# A job row whose queue entry is not there yet: the defer runs right after the start's commit.
_DEFER_GRACE_SECONDS = 300


def migrate_job_active() -> OperatorJob | None:
    """The schema update queued or running, if any. One whose queue entry has finished without it
    (every attempt failed, or it was cancelled) is marked failed here, so it never blocks the button."""
    job = OperatorJob.objects.filter(
        kind=OperatorJob.Kind.MIGRATE, status__in=[OperatorJob.Status.QUEUED, OperatorJob.Status.RUNNING]
    ).first()
    if job is None:
        return None
    queued = ProcrastinateJob.objects.filter(task_name="jobs.villages_migrate", args__job=str(job.pk))
    statuses = set(queued.values_list("status", flat=True))
    if statuses & {"todo", "doing"}:
        return job
    young = (timezone.now() - job.created_at).total_seconds() < _DEFER_GRACE_SECONDS
    if not statuses and young:
        return job
    job.status, job.finished_at = OperatorJob.Status.FAILED, timezone.now()
    job.message = "Pekerjaan berhenti sebelum selesai. Skema yang belum diperbarui dapat diperbarui lagi."
    job.save(update_fields=["status", "finished_at", "message"])
    return None


def migrate_job_start(*, created_by: str, reason: str, address: str | None = None) -> OperatorJob:
    """Queue the schema update of every village with migrations pending; its audit entry goes to
    each of those villages' logs, with the reason, in the same transaction."""
    if migrate_job_active() is not None:
        raise MigrateRefused("Pembaruan skema sedang berjalan; tunggu sampai selesai.")
    schemas = tenant_schemas()
    pending = villages_pending(schemas=schemas)
    if not pending:
        raise MigrateRefused("Semua skema desa sudah mutakhir; tidak ada yang perlu diperbarui.")
    job = OperatorJob(
        kind=OperatorJob.Kind.MIGRATE,
        created_by=created_by,
        total=len(pending),
        result={"pending": pending, "migrated": {}, "failed": {}, "up_to_date": len(schemas) - len(pending)},
    )
    villages = Village.objects.filter(schema_name__in=pending).exclude(code="")
    codes = sorted(villages.values_list("code", flat=True))
    try:
        with transaction.atomic():
            job.save()
            audit_records(
                village_codes=codes,
                action=AuditEntry.Action.MIGRATE,
                actor=created_by,
                address=address,
                detail=f"pekerjaan {job.pk}",
                reason=reason,
            )
            transaction.on_commit(lambda: _defer("jobs.villages_migrate", job))
    except IntegrityError as error:  # another request started one in between (the unique constraint)
        raise MigrateRefused("Pembaruan skema sedang berjalan; tunggu sampai selesai.") from error
    return job


def migrate_job_run(*, job_id: str) -> OperatorJob:
    job = OperatorJob.objects.get(pk=job_id)
    if job.finished:
        return job
    job.status = OperatorJob.Status.RUNNING
    job.save(update_fields=["status"])
    migrated: dict[str, str] = {}
    failed: dict[str, dict] = {}
    schemas = tenant_schemas()

    def record_pending(pending: dict[str, str]) -> None:
        # The villages of this job: those pending when it was started and any pending now. Every
        # one of them that still exists and is no longer pending was migrated (by an earlier,
        # killed attempt of this job, or by the command); those pending now are tried (again).
        universe = {**job.result["pending"], **pending}
        universe = {schema: label for schema, label in universe.items() if schema in schemas}
        migrated.update({schema: label for schema, label in universe.items() if schema not in pending})
        job.result["pending"] = universe
        job.total = len(job.result["pending"])
        _migrate_progress_save(job, migrated, failed)

    def record_outcome(outcome: SchemaOutcome) -> None:
        if outcome.error:
            failed[outcome.schema] = {"code": outcome.label, "error": outcome.error[:500]}
        else:
            migrated[outcome.schema] = outcome.label
        _migrate_progress_save(job, migrated, failed)

    # One process: the job runs on a worker thread, and a forked pool would tie its children's
    # life to that thread (as for the import).
    try:
        villages_migrate(processes=1, schemas=schemas, on_pending=record_pending, on_outcome=record_outcome)
    except SchemaUpdateBusy as busy:  # `migrate_villages` run by hand meanwhile: this job stops
        job.status = OperatorJob.Status.FAILED
        job.finished_at = timezone.now()
        job.message = str(busy)
        job.save()
        return job
    job.status = OperatorJob.Status.DONE
    job.finished_at = timezone.now()
    if failed:
        job.message = f"{len(failed)} desa gagal diperbarui; perbaiki penyebabnya lalu perbarui lagi."
    job.save()
    return job


def _migrate_progress_save(job: OperatorJob, migrated: dict[str, str], failed: dict[str, dict]) -> None:
    job.result["migrated"] = migrated
    job.result["failed"] = failed
    job.done = len(migrated) + len(failed)
    job.save(update_fields=["result", "done", "total"])
