"""The import as a job: Diskominfo uploads a WordPress export in the portal admin, the job runner
imports it, and the job's page shows the report."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from provisioning.jobs.models import OperatorJob
from tests.factories import command_run, in_village, make_diskominfo_staff
from tests.jobs.conftest import jobs_by_task
from tests.provisioning.site_import.media import wordpress_uploads
from villageweb.news.models import NewsPage

EXPORT = Path(__file__).parent / "fixtures" / "wordpress-subfolder.xml"


def test_diskominfo_runs_an_import_from_the_admin_as_a_job(
    transactional_village_factory,
    job_queue,
    client_for,
    settings,
    tmp_path,  # noqa: F811
):
    settings.VILLAGEWEB_EXPORT_ROOT = str(tmp_path / "exports")
    village = transactional_village_factory("Sumberejo")
    media = wordpress_uploads(tmp_path / "uploads")
    staff = client_for("localhost")
    staff.force_login(make_diskominfo_staff("budi"))
    form = staff.get("/admin/desa/impor-situs/")
    assert form.status_code == 200 and "Impor situs lama desa" in form.text and village.code in form.text
    outsider = client_for("localhost")
    outsider.force_login(make_diskominfo_staff("tamu", in_group=False))
    assert outsider.get("/admin/desa/impor-situs/").status_code in (302, 403)

    refused = staff.post(
        "/admin/desa/impor-situs/",
        {
            "village": village.code,
            "source": "wordpress",
            "media_dir": str(tmp_path / "tidak-ada"),
            "file": SimpleUploadedFile("ekspor.xml", EXPORT.read_bytes(), "text/xml"),
        },
    )
    assert refused.status_code == 400 and "tidak ada di server" in refused.text
    response = staff.post(
        "/admin/desa/impor-situs/",
        {
            "village": village.code,
            "source": "wordpress",
            "media_dir": str(media),
            "file": SimpleUploadedFile("ekspor.xml", EXPORT.read_bytes(), "text/xml"),
        },
    )
    assert response.status_code == 302
    job = OperatorJob.objects.get(kind=OperatorJob.Kind.SITE_IMPORT)
    assert jobs_by_task("jobs.site_import") == [("todo", 0)]
    assert "Menunggu giliran" in staff.get(response["Location"]).text

    command_run("run_jobs", once=True)
    assert jobs_by_task("jobs.site_import") == [("succeeded", 1)]
    job.refresh_from_db()
    assert job.status == OperatorJob.Status.DONE and job.total > 0 and job.done == job.total
    page = staff.get(response["Location"]).text
    assert "news: 3" in page and "Yang tidak dipindahkan" in page and "kependudukan" in page
    with in_village(village):
        assert NewsPage.objects.filter(slug="kerja-bakti-saluran-irigasi", live=True).exists()
