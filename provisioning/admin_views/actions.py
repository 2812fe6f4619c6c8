"""The lifecycle steps on a village's page, and the one view that dispatches them.

`VILLAGE_ACTIONS` lists every step: the URL's slug, the service it calls and, for a destructive
step, the confirmation page that asks why (GET shows it, only a POST with a reason acts). The
services write the audit entry themselves; a step here only calls one and says what happened.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from provisioning.admin_views.access import diskominfo_only, operator_of
from provisioning.admin_views.exports import export_path
from provisioning.admin_views.forms import (
    PasswordResetForm,
    ReasonForm,
    RenameForm,
    SetupLinkForm,
    StorageQuotaForm,
)
from provisioning.jobs import operator
from provisioning.services import lifecycle
from provisioning.services.archive import village_purge
from provisioning.support.services import support_grant_issue
from villageweb.dates import tanggal
from villageweb.media.quota import storage_usage

# A step's work: (request, village code, its form's data or the POST, who acts) -> a response, or
# None for "back to the village's page" (with the message the step left).
Perform = Callable[[object, str, Mapping, dict], HttpResponse | None]


@dataclass(frozen=True)
class VillageAction:
    perform: Perform
    # With a form, the step is confirmed first on its own page; these say what it does.
    form: type[ReasonForm] | None = None
    title: str = ""
    explanation: str = ""
    button: str = ""


def _suspend(request, code, data, who):
    village = lifecycle.village_suspend(code=code, **who)
    messages.success(request, f"{village.display_name} dinonaktifkan sementara.")


def _resume(request, code, data, who):
    village = lifecycle.village_resume(code=code, **who)
    messages.success(request, f"{village.display_name} aktif kembali.")


def _archive(request, code, data, who):
    village = lifecycle.village_archive(code=code, **who)
    messages.success(request, f"{village.display_name} diarsipkan.")


def _rename(request, code, data, who):
    domain = lifecycle.village_subdomain_change(code=code, subdomain=data["subdomain"], **who)
    messages.success(request, f"Alamat utama kini {domain.domain}; alamat lama dialihkan (301).")


def _domain_add(request, code, data, who):
    domain = lifecycle.village_domain_add(
        code=code, domain=data.get("domain", ""), primary=bool(data.get("primary")), **who
    )
    messages.success(request, f"Domain {domain.domain} ditambahkan.")


def _storage_quota(request, code, data, who):
    village, before, after = lifecycle.village_storage_quota_set(
        code=code, megabytes=data["megabytes"], **who
    )
    change = lifecycle.storage_quota_change_text(before, after)
    messages.success(request, f"Kuota penyimpanan {village.display_name}: {change}.")


def _password_reset(request, code, data, who):
    username = data["username"]
    password = lifecycle.village_admin_password_reset(code=code, username=username, **who)
    # Rendered, never redirected or stored: the password is shown this once.
    return render(
        request,
        "provisioning/admin/password_issued.html",
        {"village": lifecycle.village_get(code=code), "username": username, "password": password},
    )


def _setup_link(request, code, data, who):
    username = data["username"]
    link = lifecycle.village_admin_setup_link_issue(code=code, username=username, **who)
    village = lifecycle.village_get(code=code)
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


def _export(request, code, data, who):
    # A large village takes minutes: the worker writes the archive, its page shows progress.
    job = operator.export_job_start(
        code=code, created_by=who["actor"], address=who["address"], output=export_path(code)
    )
    return redirect("diskominfo_job_detail", job_id=job.pk)


def _purge(request, code, data, who):
    if data.get("confirm_code", "").strip() != code:
        messages.error(request, "Penghapusan dibatalkan: ketik kode desa persis untuk mengonfirmasi.")
        return None
    village_purge(code=code, **who)
    messages.success(request, f"Desa {code} dihapus permanen.")
    return redirect("diskominfo_village_list")


def _support(request, code, data, who):
    return redirect(support_grant_issue(code=code, **who))


VILLAGE_ACTIONS: dict[str, VillageAction] = {
    "suspend": VillageAction(
        _suspend,
        ReasonForm,
        "Nonaktifkan sementara",
        'Setiap alamat situs ini (termasuk admin desa) menjawab 503 "Situs dinonaktifkan sementara" '
        "sampai diaktifkan kembali. Data tidak diubah.",
        "Ya, nonaktifkan sementara",
    ),
    "archive": VillageAction(
        _archive,
        ReasonForm,
        "Arsipkan",
        "Situs tidak dapat dibuka lagi (404 di setiap domain); semua data disimpan dan desa dapat "
        "diaktifkan kembali.",
        "Ya, arsipkan",
    ),
    "rename": VillageAction(
        _rename,
        RenameForm,
        "Ganti subdomain",
        "Alamat utama desa pindah ke subdomain baru; alamat lama tetap terdaftar dan dialihkan (301).",
        "Ya, ganti subdomain",
    ),
    "reset-password": VillageAction(
        _password_reset,
        PasswordResetForm,
        "Atur ulang kata sandi admin desa",
        "Kata sandi lama pengguna ini tidak berlaku lagi. Kata sandi sekali pakai yang baru hanya "
        "ditampilkan sekali, dan pengguna wajib menggantinya saat masuk.",
        "Ya, terbitkan kata sandi sekali pakai",
    ),
    "setup-link": VillageAction(
        _setup_link,
        SetupLinkForm,
        "Kirim tautan atur kata sandi",
        "Untuk pengguna desa yang lupa kata sandinya (akun desa tidak memakai surel). Tautan berlaku 14 "
        "hari, sekali pakai; tautan lama pengguna ini tidak berlaku lagi, kata sandinya tetap sampai "
        "tautan dipakai. Kirimkan tautan lewat WhatsApp kepada pengguna itu saja.",
        "Ya, buat tautan",
    ),
    "storage-quota": VillageAction(
        _storage_quota,
        StorageQuotaForm,
        "Ubah kuota penyimpanan",
        "Unggahan gambar dan dokumen desa ditolak bila melebihi kuota. Menurunkan kuota tidak menghapus "
        "berkas apa pun; unggahan baru saja yang ditolak sampai ada ruang lagi.",
        "Ya, ubah kuota",
    ),
    "resume": VillageAction(_resume),
    "add-domain": VillageAction(_domain_add),
    "export": VillageAction(_export),
    "purge": VillageAction(_purge),
    "support": VillageAction(_support),
}


def _confirmation(request, code: str, action: str, spec: VillageAction):
    """The confirmation page of a destructive step: GET shows it, only a POST with a reason acts."""
    try:
        village = lifecycle.village_get(code=code)
    except lifecycle.LifecycleError as error:
        raise Http404 from error
    if request.method == "POST":
        form = spec.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                response = spec.perform(
                    request, village.code, data, {**operator_of(request), "reason": data["reason"]}
                )
            except lifecycle.LifecycleError as error:
                form.add_error(None, str(error))
            else:
                return response or redirect("diskominfo_village_detail", code=code)
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
    spec = VILLAGE_ACTIONS.get(action)
    if spec is not None and spec.form is not None:
        return _confirmation(request, code, action, spec)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if spec is None:
        raise Http404
    try:
        response = spec.perform(request, code, request.POST, operator_of(request))
    except lifecycle.LifecycleError as error:
        messages.error(request, str(error))
        response = None
    return response or redirect("diskominfo_village_detail", code=code)
