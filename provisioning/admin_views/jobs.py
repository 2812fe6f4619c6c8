"""Diskominfo's long actions as jobs: an import from a Kemendagri list, the schema update of every
village, and each job's page and file (provisioning/jobs does the work)."""

import os

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from provisioning.admin_views.access import diskominfo_only
from provisioning.admin_views.exports import export_response
from provisioning.admin_views.forms import ImportForm, ReasonForm
from provisioning.jobs import operator
from provisioning.jobs.models import OperatorJob
from provisioning.schema_migrations import villages_pending
from tenants.models import Village
from villageweb.security.client_address import client_address


@diskominfo_only
def village_import(request):
    """Upload a Kemendagri list: checked whole first, then imported by the job worker."""
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            job = operator.import_job_start(
                upload=form.cleaned_data["file"], created_by=request.user.get_username()
            )
        except operator.ImportRefused as refused:
            form.add_error("file", str(refused))
            row_errors = refused.errors
        else:
            return redirect("diskominfo_job_detail", job_id=job.pk)
    return render(
        request,
        "provisioning/admin/village_import.html",
        {
            "form": form,
            "row_errors": row_errors,
            "jobs": OperatorJob.objects.filter(kind=OperatorJob.Kind.IMPORT)[:10],
        },
        status=400 if form.errors else 200,
    )


@diskominfo_only
def villages_migrate(request):
    """Confirm, with a reason, the schema update of every village with pending migrations; the job
    worker runs it and its page shows the progress. Refused while one is queued or running."""
    active = operator.migrate_job_active()
    pending = villages_pending()
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and active is None:
        try:
            job = operator.migrate_job_start(
                created_by=request.user.get_username(),
                reason=form.cleaned_data["reason"],
                address=client_address(request) or None,
            )
        except operator.MigrateRefused as refused:
            form.add_error(None, str(refused))
            active = operator.migrate_job_active()
        else:
            return redirect("diskominfo_job_detail", job_id=job.pk)
    return render(
        request,
        "provisioning/admin/villages_migrate_confirm.html",
        {"form": form, "active": active, "pending": len(pending)},
        status=200 if not form.is_bound else (409 if active is not None else 400),
    )


def _migrate_failures(job: OperatorJob) -> list[dict]:
    failed = job.result.get("failed", {})
    names = dict(Village.objects.filter(schema_name__in=failed).values_list("schema_name", "name"))
    return [
        {"code": entry["code"], "name": names.get(schema, ""), "error": entry["error"]}
        for schema, entry in failed.items()
    ]


def _job_or_404(job_id) -> OperatorJob:
    job = OperatorJob.objects.filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


@diskominfo_only
def job_detail(request, job_id):
    """A job's progress, done/total; refreshes itself (no JavaScript) until the job has finished."""
    job = _job_or_404(job_id)
    if job.kind == OperatorJob.Kind.MIGRATE and not job.finished:
        operator.migrate_job_active()  # a run whose queue entry gave up shows as failed
        job.refresh_from_db()
    percent = 100 if job.finished else (100 * job.done // job.total if job.total else 0)
    return render(
        request,
        "provisioning/admin/job_detail.html",
        {
            "job": job,
            "percent": percent,
            "created": job.result.get("created", []) if job.kind == OperatorJob.Kind.IMPORT else [],
            "errors": job.result.get("errors", []),
            "failures": _migrate_failures(job) if job.kind == OperatorJob.Kind.MIGRATE else [],
            "village": Village.objects.filter(code=job.village_code).first() if job.village_code else None,
        },
    )


@diskominfo_only
def job_download(request, job_id):
    """The finished job's file: the handover sheets (zip) of an import, or the village's archive."""
    job = _job_or_404(job_id)
    if job.status != OperatorJob.Status.DONE or not job.output_path or not os.path.isfile(job.output_path):
        raise Http404
    if job.kind == OperatorJob.Kind.EXPORT:
        return export_response(code=job.village_code, export_id=job.result["export_id"], request=request)
    name = f"lembar-serah-terima-{timezone.localtime(job.created_at):%Y%m%d-%H%M}.zip"
    return FileResponse(open(job.output_path, "rb"), as_attachment=True, filename=name)
