"""Diskominfo's page for importing a village's old site as a job (portal admin, Desa menu).

Outside provisioning/site_import on purpose: that app lives in the villages' schemas, and
tenants/isolation.py keeps a village-only app's admin views off the portal."""

from django import forms
from django.shortcuts import redirect, render

from provisioning.admin_views import diskominfo_only
from provisioning.jobs.models import OperatorJob
from provisioning.site_import.items import SiteImportError
from provisioning.site_import.job import site_import_job_start
from tenants.models import Village


class SiteImportForm(forms.Form):
    village = forms.ChoiceField(label="Desa tujuan")
    source = forms.ChoiceField(
        label="Jenis situs lama",
        choices=[
            ("wordpress", "WordPress (ekspor WXR, .xml)"),
            ("opensid", "OpenSID (cadangan basis data, .sql)"),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label="Berkas ekspor atau cadangan",
        error_messages={
            "required": "Pilih berkas ekspor WordPress atau cadangan OpenSID.",
            "empty": "Berkas itu kosong.",
        },
    )
    media_dir = forms.CharField(
        label="Folder unggahan situs lama di server (boleh kosong)",
        required=False,
        help_text=(
            "Salin dulu wp-content/uploads (WordPress) atau desa/upload (OpenSID) ke server, "
            "lalu tulis foldernya."
        ),
    )
    dry_run = forms.BooleanField(
        label="Uji coba saja (tidak ada yang disimpan)", required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [
            (village.code, f"{village.code} · {village.display_name}")
            for village in Village.objects.villages().filter(status=Village.Status.ACTIVE).order_by("code")
        ]


@diskominfo_only
def site_import_start(request):
    form = SiteImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = site_import_job_start(
                village_code=form.cleaned_data["village"],
                source=form.cleaned_data["source"],
                upload=form.cleaned_data["file"],
                media_dir=form.cleaned_data["media_dir"].strip(),
                dry_run=form.cleaned_data["dry_run"],
                created_by=request.user.get_username(),
            )
        except SiteImportError as error:
            form.add_error(None, str(error))
        else:
            return redirect("diskominfo_job_detail", job_id=job.pk)
    return render(
        request,
        "site_import/admin/site_import.html",
        {"form": form, "jobs": OperatorJob.objects.filter(kind=OperatorJob.Kind.SITE_IMPORT)[:10]},
        status=400 if form.errors else 200,
    )
