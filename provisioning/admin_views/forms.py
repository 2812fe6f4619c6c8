"""The forms of Diskominfo's pages; every destructive step's form asks for a reason."""

import re

from django import forms

from provisioning.services import lifecycle
from provisioning.village_list import official_list_mismatches
from tenants.models import VILLAGE_CODE_PATTERN, Village


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


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Berkas CSV Kemendagri",
        help_text=(
            "UTF-8, baris pertama: code,name,kind,district_code,district_name (seperti "
            "provisioning/data/tuban_villages.csv). Desa yang sudah ada dilewati."
        ),
        error_messages={"required": "Pilih berkas CSV yang akan diimpor.", "empty": "Berkas itu kosong."},
    )
