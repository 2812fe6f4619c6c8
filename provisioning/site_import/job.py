"""The import of an old site as a job of the job runner, started from the Diskominfo admin.

The admin stores the uploaded export or backup in the job's private folder and queues the job; the
worker reads it and runs `site_import` (one transaction for the village) while the job's page shows
its progress. Progress is written over a connection of its own: the import's transaction keeps its
writes unseen until it commits, and the operator should see files and pages counted as they go.
"""

import shutil
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import connections, transaction
from django.utils import timezone
from procrastinate.contrib.django import app

from provisioning.jobs.models import OperatorJob
from provisioning.jobs.operator import jobs_root
from provisioning.site_import.items import SiteImportError
from provisioning.site_import.services import site_import
from provisioning.site_import.sources import site_read
from tenants.models import Village

UPLOAD_MAX_BYTES = 512 * 1024 * 1024
SOURCES = {"wordpress": "ekspor-wordpress.xml", "opensid": "cadangan-opensid.sql"}


def site_import_job_start(
    *, village_code: str, source: str, upload: UploadedFile, media_dir: str, dry_run: bool, created_by: str
) -> OperatorJob:
    village = Village.objects.villages().filter(code=village_code).first()
    if village is None:
        raise SiteImportError(f"Desa dengan kode '{village_code}' tidak ditemukan.")
    if source not in SOURCES:
        raise SiteImportError("Pilih jenis situs lama: WordPress atau OpenSID.")
    if upload.size > UPLOAD_MAX_BYTES:
        raise SiteImportError(f"Berkas terlalu besar; paling besar {UPLOAD_MAX_BYTES // 1024 // 1024} MB.")
    if media_dir and not Path(media_dir).is_dir():
        raise SiteImportError(f"Folder media '{media_dir}' tidak ada di server.")
    job = OperatorJob(kind=OperatorJob.Kind.SITE_IMPORT, created_by=created_by, village_code=village.code)
    folder = jobs_root() / str(job.pk)
    folder.mkdir(exist_ok=True, mode=0o700)
    path = folder / SOURCES[source]
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    job.input_path = str(path)
    job.result = {"source": source, "media_dir": media_dir, "dry_run": dry_run}
    try:
        with transaction.atomic():
            job.save()
            transaction.on_commit(
                lambda: (
                    app.tasks["jobs.site_import"]
                    .configure(queueing_lock=f"jobs.site_import:{job.pk}", lock=f"village:{village.code}")
                    .defer(job=str(job.pk))
                )
            )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return job


def site_import_job_run(*, job_id: str) -> OperatorJob:
    job = OperatorJob.objects.get(pk=job_id)
    if job.status == OperatorJob.Status.DONE:
        return job
    job.status = OperatorJob.Status.RUNNING
    job.save(update_fields=["status"])
    progress_connection = connections.create_connection("default")

    def progress(stage: str, done: int, total: int) -> None:
        with progress_connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE "public"."{OperatorJob._meta.db_table}"'
                " SET done = %s, total = %s, message = %s WHERE id = %s",
                [done, total, f"Tahap: {stage}", job.pk],
            )

    options = job.result
    try:
        source = Path(job.input_path)
        site = site_read(
            wordpress=source if options["source"] == "wordpress" else None,
            opensid=str(source) if options["source"] == "opensid" else None,
        )
        report = site_import(
            village_code=job.village_code,
            site=site,
            media_dir=Path(options["media_dir"]) if options.get("media_dir") else None,
            dry_run=options.get("dry_run", False),
            progress=progress,
        )
    except SiteImportError as error:
        job.refresh_from_db()
        job.status = OperatorJob.Status.FAILED
        job.message = str(error)[:500]
        job.finished_at = timezone.now()
        job.save()
        return job
    finally:
        progress_connection.close()
    job.refresh_from_db()
    job.result = {**options, "report": report.as_dict()}
    job.status = OperatorJob.Status.DONE
    job.message = ""
    job.done = job.total
    job.finished_at = timezone.now()
    job.save()
    return job
