"""Diskominfo's pages in the portal's Wagtail admin: villages, their lifecycle, and their health.

Registered for every admin (Wagtail's URL conf is shared), but every view answers 404 outside the
portal's public schema and 403 to anyone who is not Diskominfo staff, so a village admin never
reaches them, not even by typing the address on a village host.
"""

import csv
import datetime
import os
import re
import secrets
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_tenants.utils import get_public_schema_name
from wagtail.log_actions import LogContext

from provisioning import lifecycle
from provisioning.activity import news_chart_svg, weekly_news_counts
from provisioning.archive import village_export_download, village_purge
from provisioning.health import regency_health
from provisioning.jobs import operator
from provisioning.jobs.models import OperatorJob
from provisioning.lockouts import LockoutError, login_lockout_lift, login_lockouts_active
from provisioning.models import AuditEntry, VillageExport
from provisioning.schema_migrations import villages_pending
from provisioning.services import ProvisioningError, village_provision
from provisioning.support.services import support_grant_issue
from provisioning.village_list import official_list_mismatches
from tenants.client_address import client_address
from tenants.models import VILLAGE_CODE_PATTERN, Domain, Village
from tenants.quota import storage_usage
from villageweb.dates import tanggal
from villageweb.services import dashboard as services_dashboard
from villageweb.services.models import Application
from villageweb.transparency.ranking import transparency_rows

DISKOMINFO_GROUP = "Diskominfo"


def is_diskominfo_staff(user) -> bool:
    if connection.schema_name != get_public_schema_name():
        return False
    return user.is_active and (user.is_superuser or user.groups.filter(name=DISKOMINFO_GROUP).exists())


def diskominfo_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if connection.schema_name != get_public_schema_name():
            raise Http404
        if not is_diskominfo_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _districts():
    return (
        Village.objects.villages()
        .exclude(district_code="")
        .order_by("district_code")
        .values_list("district_code", "district_name")
        .distinct()
    )


def _operator(request) -> dict:
    """Who acts and from where: with the reason, what every lifecycle service audits."""
    return {"actor": request.user.get_username(), "address": client_address(request) or None}


def _primary_domains() -> dict[int, str]:
    return dict(Domain.objects.filter(is_primary=True).values_list("tenant_id", "domain"))


@diskominfo_only
def village_list(request):
    villages = Village.objects.villages().order_by("code")
    district = request.GET.get("kecamatan", "")
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    if district:
        villages = villages.filter(district_code=district)
    if status:
        villages = villages.filter(status=status)
    if query:
        villages = villages.filter(Q(name__icontains=query) | Q(code__icontains=query))
    domains = _primary_domains()
    rows = [(village, domains.get(village.pk)) for village in villages]
    return render(
        request,
        "provisioning/admin/village_list.html",
        {
            "rows": rows,
            "districts": _districts(),
            "statuses": Village.Status.choices,
            "district": district,
            "status": status,
            "query": query,
            "migrate_job": operator.migrate_job_active(),
            "migrate_pending": len(villages_pending()),
        },
    )


class VillageCreateForm(forms.Form):
    code = forms.CharField(
        label="Kode",
        help_text="Kode Kemendagri: desa 35.23.01.2001, kecamatan 35.23.01; OPD: OPD.SINGKATAN (OPD.DINKES)",
    )
    name = forms.CharField(
        label="Nama", help_text="Tanpa awalan 'Desa' atau 'Kecamatan'; OPD: nama lengkapnya"
    )
    district_name = forms.CharField(
        label="Kecamatan", required=False, help_text="Wajib untuk desa dan kelurahan"
    )
    kind = forms.ChoiceField(
        label="Jenis",
        choices=[
            (Village.Kind.DESA, "Desa"),
            (Village.Kind.KELURAHAN, "Kelurahan"),
            (Village.Kind.KECAMATAN, "Kecamatan"),
            (Village.Kind.OPD, "Perangkat daerah (OPD)"),
        ],
    )
    subdomain = forms.CharField(
        label="Subdomain", required=False, help_text="Kosongkan agar diturunkan dari nama"
    )
    override = forms.BooleanField(
        label="Buat walau tidak cocok dengan daftar resmi Kemendagri",
        required=False,
        help_text="Hanya bila daftar resmi yang dimuat sudah usang (misalnya desa hasil pemekaran baru).",
    )
    override_reason = forms.CharField(
        label="Alasan (wajib bila tidak cocok dengan daftar resmi)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Dicatat di log tindakan desa, misalnya nomor Kepmendagri yang baru.",
    )

    def clean(self):
        """A desa or kelurahan must agree with the loaded Kemendagri list (code, name, kecamatan,
        kind); going past it needs the box ticked and a reason, which the audit log keeps."""
        cleaned = super().clean()
        fields = ("code", "name", "district_name", "kind")
        if any(name in self.errors for name in fields) or cleaned.get("kind") not in Village.VILLAGE_KINDS:
            return cleaned
        if not re.match(VILLAGE_CODE_PATTERN, cleaned["code"].strip()):
            return cleaned  # provisioning says what a code looks like
        problems = official_list_mismatches(**{name: cleaned[name] for name in fields})
        cleaned["off_list"] = problems
        if not problems:
            return cleaned
        if not cleaned.get("override"):
            for problem in problems:
                self.add_error(None, problem)
            self.add_error(
                None,
                "Periksa kode, nama dan kecamatan pada daftar resmi. Bila daftar itu sudah usang, centang "
                '"Buat walau tidak cocok" dan tulis alasannya.',
            )
        elif not cleaned.get("override_reason", "").strip():
            self.add_error("override_reason", "Tuliskan alasan membuat desa di luar daftar resmi.")
        return cleaned


@diskominfo_only
def village_create(request):
    form = VillageCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        off_list = data.get("off_list") or []
        try:
            # Wagtail's admin logs actions as the signed-in user, who lives in the public schema
            # and not in the new village's: log the village's first publication as the platform's.
            with LogContext(user=None):
                result = village_provision(
                    code=data["code"],
                    name=data["name"],
                    district_name=data["district_name"],
                    kind=data["kind"],
                    subdomain=data["subdomain"] or None,
                    off_list=off_list,
                    reason=data["override_reason"].strip() if off_list else "",
                    **_operator(request),
                )
        except ProvisioningError as error:
            form.add_error(None, str(error))
        else:
            # Rendered, never redirected or stored: the password is shown this once.
            return render(request, "provisioning/admin/village_created.html", {"result": result})
    return render(request, "provisioning/admin/village_create.html", {"form": form})


@diskominfo_only
def village_detail(request, code):
    try:
        village = lifecycle.village_get(code=code)
    except lifecycle.LifecycleError as error:
        raise Http404 from error
    response = render(
        request,
        "provisioning/admin/village_detail.html",
        {
            "village": village,
            "domains": Domain.objects.filter(tenant=village).order_by("-is_primary", "domain"),
            "exports": VillageExport.objects.filter(code=village.code)[:10],
            "audit_entries": AuditEntry.objects.filter(village_code=village.code)[:50],
            "storage": storage_usage(village),
            "base_domain": settings.VILLAGEWEB_BASE_DOMAIN,
            "support_minutes": settings.VILLAGEWEB_SUPPORT_ACCESS_MINUTES,
        },
    )
    # "Masuk sebagai dukungan" posts here and is answered with a redirect to the village's host;
    # browsers hold every hop of a form's redirects to the page's form-action, so this page (only)
    # also allows the village's own origin there.
    if village.url:
        response._csp_update = {"form-action": [village.url]}
    return response


def _export_root() -> Path:
    """VILLAGEWEB_EXPORT_ROOT, created private to the platform's user (archives hold password hashes)."""
    root = Path(settings.VILLAGEWEB_EXPORT_ROOT)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def _export_path(code: str) -> Path:
    """A name nobody can guess: the code and time for people, a random token against enumeration."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return _export_root() / f"{code}-{stamp}-{secrets.token_urlsafe(16)}.tar.gz"


def _export_response(*, code: str, export_id: int, request) -> FileResponse:
    try:
        path = village_export_download(code=code, export_id=export_id, **_operator(request))
    except lifecycle.LifecycleError as error:
        raise Http404 from error
    return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name)


@diskominfo_only
def export_download(request, code, export_id):
    """Download an earlier export of the village again (Diskominfo staff only, audited)."""
    return _export_response(code=code, export_id=export_id, request=request)


class ReasonForm(forms.Form):
    """Every destructive step asks why: the reason goes into the audit log both sides read."""

    reason = forms.CharField(
        label="Alasan",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Dicatat di log tindakan dan dapat dibaca admin desa.",
        error_messages={
            "required": "Tuliskan alasannya: tindakan ini tidak dijalankan tanpa alasan.",
            "max_length": "Alasan paling panjang 500 karakter.",
        },
    )


class RenameForm(ReasonForm):
    subdomain = forms.CharField(
        label="Subdomain baru",
        max_length=63,
        error_messages={"required": "Isi subdomain baru."},
    )
    field_order = ["subdomain", "reason"]


class PasswordResetForm(ReasonForm):
    username = forms.CharField(
        label="Pengguna", max_length=150, initial="admin", error_messages={"required": "Isi nama pengguna."}
    )
    field_order = ["username", "reason"]


class SetupLinkForm(PasswordResetForm):
    reason = forms.CharField(
        label=ReasonForm.base_fields["reason"].label,
        max_length=500,
        initial="Lupa kata sandi; diminta lewat WhatsApp.",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=ReasonForm.base_fields["reason"].help_text,
        error_messages=ReasonForm.base_fields["reason"].error_messages,
    )


class StorageQuotaForm(ReasonForm):
    megabytes = forms.IntegerField(
        label="Kuota penyimpanan baru (MB)",
        min_value=1,
        max_value=lifecycle.STORAGE_QUOTA_MAX_MB,
        help_text="1.024 MB = 1 GB. Dihitung dari berkas asli gambar dan dokumen desa.",
        error_messages={
            "required": "Isi kuota baru dalam MB.",
            "invalid": "Tulis kuota sebagai bilangan bulat MB, misalnya 2048.",
            "min_value": "Kuota paling kecil 1 MB.",
            "max_value": f"Kuota paling besar {lifecycle.STORAGE_QUOTA_MAX_MB} MB.",
        },
    )
    field_order = ["megabytes", "reason"]


@dataclass(frozen=True)
class ConfirmedAction:
    form: type[ReasonForm]
    title: str
    explanation: str
    button: str


CONFIRMED_ACTIONS = {
    "suspend": ConfirmedAction(
        ReasonForm,
        "Nonaktifkan sementara",
        'Setiap alamat situs ini (termasuk admin desa) menjawab 503 "Situs dinonaktifkan sementara" '
        "sampai diaktifkan kembali. Data tidak diubah.",
        "Ya, nonaktifkan sementara",
    ),
    "archive": ConfirmedAction(
        ReasonForm,
        "Arsipkan",
        "Situs tidak dapat dibuka lagi (404 di setiap domain); semua data disimpan dan desa dapat "
        "diaktifkan kembali.",
        "Ya, arsipkan",
    ),
    "rename": ConfirmedAction(
        RenameForm,
        "Ganti subdomain",
        "Alamat utama desa pindah ke subdomain baru; alamat lama tetap terdaftar dan dialihkan (301).",
        "Ya, ganti subdomain",
    ),
    "reset-password": ConfirmedAction(
        PasswordResetForm,
        "Atur ulang kata sandi admin desa",
        "Kata sandi lama pengguna ini tidak berlaku lagi. Kata sandi sekali pakai yang baru hanya "
        "ditampilkan sekali, dan pengguna wajib menggantinya saat masuk.",
        "Ya, terbitkan kata sandi sekali pakai",
    ),
    "setup-link": ConfirmedAction(
        SetupLinkForm,
        "Kirim tautan atur kata sandi",
        "Untuk pengguna desa yang lupa kata sandinya (akun desa tidak memakai surel). Tautan berlaku 14 "
        "hari, sekali pakai; tautan lama pengguna ini tidak berlaku lagi, kata sandinya tetap sampai "
        "tautan dipakai. Kirimkan tautan lewat WhatsApp kepada pengguna itu saja.",
        "Ya, buat tautan",
    ),
    "storage-quota": ConfirmedAction(
        StorageQuotaForm,
        "Ubah kuota penyimpanan",
        "Unggahan gambar dan dokumen desa ditolak bila melebihi kuota. Menurunkan kuota tidak menghapus "
        "berkas apa pun; unggahan baru saja yang ditolak sampai ada ruang lagi.",
        "Ya, ubah kuota",
    ),
}


def _confirmed_action_perform(request, village, action: str, data: dict):
    """Run the step; its service appends the audit entry with the reason in the same transaction."""
    code, who = village.code, {**_operator(request), "reason": data["reason"]}
    if action == "suspend":
        village = lifecycle.village_suspend(code=code, **who)
        messages.success(request, f"{village.display_name} dinonaktifkan sementara.")
    elif action == "archive":
        village = lifecycle.village_archive(code=code, **who)
        messages.success(request, f"{village.display_name} diarsipkan.")
    elif action == "rename":
        domain = lifecycle.village_subdomain_change(code=code, subdomain=data["subdomain"], **who)
        messages.success(request, f"Alamat utama kini {domain.domain}; alamat lama dialihkan (301).")
    elif action == "storage-quota":
        village, before, after = lifecycle.village_storage_quota_set(
            code=code, megabytes=data["megabytes"], **who
        )
        change = lifecycle.storage_quota_change_text(before, after)
        messages.success(request, f"Kuota penyimpanan {village.display_name}: {change}.")
    elif action == "reset-password":
        username = data["username"]
        password = lifecycle.village_admin_password_reset(code=code, username=username, **who)
        # Rendered, never redirected or stored: the password is shown this once.
        return render(
            request,
            "provisioning/admin/password_issued.html",
            {"village": village, "username": username, "password": password},
        )
    elif action == "setup-link":
        username = data["username"]
        link = lifecycle.village_admin_setup_link_issue(code=code, username=username, **who)
        message = (
            f"Tautan untuk mengatur kata sandi admin situs {village.display_name} (pengguna {username}), "
            f"berlaku sampai {tanggal(link.expires_at)}: {link.url}"
        )
        # Rendered, never redirected or stored: the link is shown this once.
        return render(
            request,
            "provisioning/admin/setup_link_issued.html",
            {
                "village": village,
                "username": username,
                "link": link,
                "whatsapp_share_url": f"https://wa.me/?text={quote(message)}",
            },
        )
    return redirect("diskominfo_village_detail", code=code)


def village_action_confirm(request, code: str, action: str):
    """The confirmation page of a destructive step: GET shows it, only a POST with a reason acts."""
    spec = CONFIRMED_ACTIONS[action]
    try:
        village = lifecycle.village_get(code=code)
    except lifecycle.LifecycleError as error:
        raise Http404 from error
    if request.method == "POST":
        form = spec.form(request.POST)
        if form.is_valid():
            try:
                return _confirmed_action_perform(request, village, action, form.cleaned_data)
            except lifecycle.LifecycleError as error:
                form.add_error(None, str(error))
    else:
        # The detail page's small forms carry the subdomain or user name over in the query.
        form = spec.form(initial={name: value for name, value in request.GET.items() if name != "reason"})
    return render(
        request,
        "provisioning/admin/village_action_confirm.html",
        {
            "village": village,
            "action": action,
            "spec": spec,
            "form": form,
            "base_domain": settings.VILLAGEWEB_BASE_DOMAIN,
            "storage": storage_usage(village) if action == "storage-quota" else None,
        },
        status=400 if form.is_bound else 200,
    )


@diskominfo_only
def village_action(request, code, action):
    """One lifecycle step for one village, from its detail page; the destructive ones confirm first."""
    if action in CONFIRMED_ACTIONS:
        return village_action_confirm(request, code, action)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    detail = redirect("diskominfo_village_detail", code=code)
    who = _operator(request)
    try:
        if action == "resume":
            village = lifecycle.village_resume(code=code, **who)
            messages.success(request, f"{village.display_name} aktif kembali.")
        elif action == "add-domain":
            domain = lifecycle.village_domain_add(
                code=code,
                domain=request.POST.get("domain", ""),
                primary=bool(request.POST.get("primary")),
                **who,
            )
            messages.success(request, f"Domain {domain.domain} ditambahkan.")
        elif action == "export":
            # A large village takes minutes: the worker writes the archive, its page shows progress.
            job = operator.export_job_start(
                code=code, created_by=who["actor"], address=who["address"], output=_export_path(code)
            )
            return redirect("diskominfo_job_detail", job_id=job.pk)
        elif action == "purge":
            if request.POST.get("confirm_code", "").strip() != code:
                messages.error(request, "Penghapusan dibatalkan: ketik kode desa persis untuk mengonfirmasi.")
                return detail
            village_purge(code=code, **who)
            messages.success(request, f"Desa {code} dihapus permanen.")
            return redirect("diskominfo_village_list")
        elif action == "support":
            url = support_grant_issue(code=code, **who)
            return redirect(url)
        else:
            raise Http404
    except lifecycle.LifecycleError as error:
        messages.error(request, str(error))
    return detail


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Berkas CSV Kemendagri",
        help_text=(
            "UTF-8, baris pertama: code,name,kind,district_code,district_name (seperti "
            "provisioning/data/tuban_villages.csv). Desa yang sudah ada dilewati."
        ),
        error_messages={"required": "Pilih berkas CSV yang akan diimpor.", "empty": "Berkas itu kosong."},
    )


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
        return _export_response(code=job.village_code, export_id=job.result["export_id"], request=request)
    name = f"lembar-serah-terima-{timezone.localtime(job.created_at):%Y%m%d-%H%M}.zip"
    return FileResponse(open(job.output_path, "rb"), as_attachment=True, filename=name)


def _health_csv(health) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kesehatan-situs-desa.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 only with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [
            "kode",
            "nama",
            "kecamatan",
            "status",
            "suntingan terakhir",
            "terbit terakhir",
            "halaman",
            "berita 30 hari",
            "kelengkapan",
            "kelengkapan diukur",
            "penyimpanan (byte)",
            "tidak diperbarui 30 hari",
        ]
    )
    now = timezone.now()
    for row in health.rows:
        writer.writerow(
            [
                row.village.code,
                row.village.display_name,
                row.village.district_name,
                row.village.get_status_display(),
                timezone.localtime(row.last_edit).isoformat() if row.last_edit else "",
                timezone.localtime(row.last_publish).isoformat() if row.last_publish else "",
                row.pages,
                row.news_recent,
                "" if row.completeness is None else row.completeness,
                (
                    timezone.localtime(row.completeness_measured_at).isoformat()
                    if row.completeness_measured_at
                    else ""
                ),
                row.storage_bytes,
                "ya" if row.is_stale(now) else "tidak",
            ]
        )
    return response


# Sortable columns of the health table: ?urut=<key>, ?urut=-<key> for descending.
HEALTH_SORTS = {
    "desa": lambda row: row.village.name,
    "kecamatan": lambda row: (row.village.district_name, row.village.name),
    "sunting": lambda row: row.last_edit or _EPOCH,
    "terbit": lambda row: row.last_publish or _EPOCH,
    "halaman": lambda row: row.pages,
    "berita": lambda row: row.news_recent,
    "kelengkapan": lambda row: -1 if row.completeness is None else row.completeness,
    "penyimpanan": lambda row: row.storage_bytes,
}
_EPOCH = timezone.make_aware(datetime.datetime(1970, 1, 1))


def _health_rows(health, *, sort: str, silent_days: int | None):
    rows = health.rows
    if silent_days is not None:
        since = timezone.now() - datetime.timedelta(days=silent_days)
        rows = [row for row in rows if row.last_activity is None or row.last_activity < since]
    key = HEALTH_SORTS.get(sort.lstrip("-"))
    if key is not None:
        rows = sorted(rows, key=key, reverse=sort.startswith("-"))
    return rows


@diskominfo_only
def village_health(request):
    district = request.GET.get("kecamatan", "")
    sort = request.GET.get("urut", "")
    silent = request.GET.get("diam", "").strip()
    silent_days = int(silent) if silent.isdigit() else None
    health = regency_health(district_code=district or None)
    if request.GET.get("format") == "csv":
        return _health_csv(health)
    district_name = dict(_districts()).get(district, "")
    chart_title = (
        f"Berita per pekan, {'Kecamatan ' + district_name if district_name else 'seluruh kabupaten'}"
    )
    query = request.GET.copy()
    query.pop("urut", None)
    return render(
        request,
        "provisioning/admin/village_health.html",
        {
            "health": health,
            "rows": _health_rows(health, sort=sort, silent_days=silent_days),
            "districts": _districts(),
            "district": district,
            "now": timezone.now(),
            "sort": sort,
            "silent": silent,
            "silent_invalid": bool(silent) and silent_days is None,
            "query_without_sort": query.urlencode(),
            "columns": [
                ("desa", "Desa"),
                ("kecamatan", "Kecamatan"),
                ("sunting", "Suntingan terakhir"),
                ("terbit", "Terbit terakhir"),
                ("halaman", "Halaman"),
                ("berita", "Berita 30 hari"),
                ("kelengkapan", "Kelengkapan"),
                ("penyimpanan", "Penyimpanan"),
            ],
            "chart": mark_safe(news_chart_svg(weekly_news_counts(district_code=district), title=chart_title)),
            "lockouts": login_lockouts_active(),
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "transparency": transparency_rows(district=district),
        },
    )


@diskominfo_only
def login_lockout_lift_view(request, lockout_id: int):
    """POST only, with a reason: lift one log-in lock listed on the health page (audited)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return redirect("diskominfo_village_health")
    try:
        lockout = login_lockout_lift(
            lockout_id=lockout_id,
            actor=request.user.get_username(),
            address=client_address(request) or None,
            reason=form.cleaned_data["reason"],
        )
    except LockoutError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Kunci log-in {lockout.username} di {lockout.village.display_name} dibuka; "
            "tercatat di log tindakan.",
        )
    return redirect("diskominfo_village_health")


@diskominfo_only
def catalogue_dashboard(request):
    """Katalog layanan: per provider, its services' completeness, review date, links and feedback."""
    rows = services_dashboard.catalogue_dashboard()
    services = [service for row in rows for service in row.services]
    return render(
        request,
        "provisioning/admin/catalogue_dashboard.html",
        {
            "rows": rows,
            "attention": [service for service in services if service.needs_attention],
            "total": len(services),
            "applications": Application.objects.select_related("owner").order_by("name"),
        },
    )
