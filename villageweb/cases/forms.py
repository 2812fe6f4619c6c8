"""The citizen's form (the same on a village's contact page and on the portal) and the officials' forms."""

import re

from django import forms

from villageweb.cases.categories import CATEGORY_CHOICES
from villageweb.cases.models import Case
from villageweb.cases.services import Submission, providers

HONEYPOT_FIELD = "situs_web"
MESSAGE_MAX = 5000
PHONE = re.compile(r"^\+?[0-9 ()\-]{8,20}$")


class CaseForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis",
        choices=Case.Kind.choices,
        widget=forms.RadioSelect,
        initial=Case.Kind.COMPLAINT,
        help_text="Permohonan informasi: meminta salinan dokumen atau keterangan (UU 14/2008).",
    )
    kategori = forms.ChoiceField(label="Kategori", choices=CATEGORY_CHOICES)
    perihal = forms.CharField(label="Perihal", max_length=200, help_text="Satu kalimat singkat.")
    pesan = forms.CharField(
        label="Isi pengaduan atau informasi yang diminta",
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Tuliskan sejelas mungkin: apa, di mana, sejak kapan. Jangan menulis NIK atau nomor KK.",
    )
    tujuan = forms.CharField(
        label="Tujuan penggunaan informasi",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Wajib untuk permohonan informasi.",
    )
    nama = forms.CharField(
        label="Nama", max_length=100, required=False, help_text="Boleh dikosongkan untuk pengaduan."
    )
    nomor_hp = forms.CharField(label="Nomor HP atau WhatsApp", max_length=20, required=False)
    surel = forms.EmailField(
        label="Surel", required=False, help_text="Bila diisi, kode lacak juga kami kirim ke surel ini."
    )

    def __init__(self, *args, with_provider: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_provider:
            self.fields = {
                "penyelenggara": forms.ModelChoiceField(
                    label="Ditujukan kepada",
                    queryset=providers(),
                    empty_label="Pilih desa, kelurahan, atau instansi",
                    help_text="Bila salah pilih, pesan Anda akan diteruskan ke yang berwenang.",
                ),
                **self.fields,
            }

    def clean_nomor_hp(self):
        value = self.cleaned_data["nomor_hp"].strip()
        if value and not PHONE.match(value):
            raise forms.ValidationError("Tulis nomor HP dengan angka saja, misalnya 0812 3456 7890.")
        return value

    def clean(self):
        data = super().clean()
        if data.get("jenis") == Case.Kind.INFORMATION:
            if not (data.get("nama") or "").strip():
                self.add_error("nama", "Nama wajib diisi untuk permohonan informasi.")
            if not (data.get("tujuan") or "").strip():
                self.add_error("tujuan", "Tuliskan untuk apa informasi ini akan digunakan.")
            if not data.get("nomor_hp") and not data.get("surel"):
                self.add_error("surel", "Isi surel atau nomor HP agar jawaban dapat kami sampaikan.")
        return data

    def submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            kind=data["jenis"],
            category=data["kategori"],
            subject=data["perihal"].strip(),
            message=data["pesan"].strip(),
            purpose=data.get("tujuan", "").strip(),
            name=data.get("nama", "").strip(),
            phone=data.get("nomor_hp", ""),
            email=data.get("surel", ""),
        )


class TrackForm(forms.Form):
    kode = forms.CharField(label="Kode lacak", max_length=40)


class ObjectionForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan keberatan", max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
