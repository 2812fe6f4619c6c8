"""Tulis Kabar's form: every label, hint and error in Indonesian, whatever language is active."""

import uuid

from django import forms
from django.utils import timezone

from villageweb.media.quota import StorageQuotaExceeded, storage_quota_check
from villageweb.news.models import NewsCategory
from villageweb.news.services import NewsPublishError
from villageweb.news.services.photos import ALT_TEXT_MAX_LENGTH, PHOTOS_MAX, photo_prepare, photos_size
from villageweb.news.services.publishing import SUMMARY_MAX_LENGTH, TITLE_MAX_LENGTH

ALT_QUESTION = "Apa yang terlihat di foto ini?"
REQUIRED = "Wajib diisi."


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Every file of one `<input type=file multiple>`, as a list (empty when none was chosen)."""

    widget = MultiplePhotoInput(attrs={"accept": "image/*", "multiple": True})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultiplePhotoField, self).clean(file, initial) for file in files if file]


# The last field of the form: a send cut off by a lost signal arrives without it.
INCOMPLETE = (
    "Kiriman tidak sampai utuh (sinyal terputus saat mengirim?). Belum ada yang tersimpan. "
    "Foto belum terkirim: pilih foto lagi, lalu tekan tombol sekali lagi."
)


class IndonesianDateWidget(forms.SelectDateWidget):
    """Three lists (hari, bulan, tahun) in that order with Indonesian month names, each with its own
    label for screen readers; last year to next year."""

    template_name = "news/tulis_kabar/date_widget.html"

    def __init__(self):
        this_year = timezone.localdate().year
        super().__init__(years=range(this_year - 1, this_year + 2))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = {"day": "Hari", "month": "Bulan", "year": "Tahun"}
        for part, subwidget in zip(("day", "month", "year"), context["widget"]["subwidgets"], strict=True):
            subwidget["label"] = labels[part]
        return context


class NewsWriteForm(forms.Form):
    title = forms.CharField(
        label="Judul",
        max_length=TITLE_MAX_LENGTH,
        help_text="Singkat dan jelas: apa dan di mana. Misalnya: Kerja bakti saluran air Dusun Krajan.",
        error_messages={
            "required": "Tulis judul berita.",
            "max_length": "Judul terlalu panjang: %(show_value)d karakter, paling banyak %(limit_value)d. "
            "Persingkat.",
        },
    )
    date = forms.DateField(
        label="Tanggal",
        help_text="Hari kegiatan. Berita bertanggal nanti baru tampil di daftar berita pada tanggal itu.",
        # Day, month name, year as Indonesians write them, whatever the phone's language: the
        # browser's own date field follows the phone (12/07/2026 on an English one).
        widget=IndonesianDateWidget(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "required": "Pilih tanggal berita.",
            "invalid": "Tanggal tidak dikenali: pilih hari, bulan dan tahun (tanggal itu mungkin tidak ada).",
        },
    )
    summary = forms.CharField(
        label="Ringkasan",
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu atau dua kalimat; tampil di daftar berita dan di portal kabupaten.",
        error_messages={
            "required": "Tulis ringkasan satu atau dua kalimat.",
            "max_length": "Ringkasan terlalu panjang: %(show_value)d karakter, "
            "paling banyak %(limit_value)d.",
        },
    )
    body = forms.CharField(
        label="Isi berita",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Apa, siapa, kapan, di mana, mengapa dan bagaimana. Pisahkan paragraf dengan baris kosong.",
    )
    photos = MultiplePhotoField(
        label="Ambil atau pilih foto",
        required=False,
        help_text=f"Ambil dengan kamera atau pilih dari galeri, paling banyak {PHOTOS_MAX} foto.",
        error_messages={
            "empty": "Berkas foto kosong. Pilih foto lagi.",
            "invalid": "Berkas foto tidak terbaca. Pilih foto lagi.",
            "missing": "Berkas foto tidak terkirim. Pilih foto lagi.",
        },
    )
    categories = forms.ModelMultipleChoiceField(
        label="Kategori",
        queryset=NewsCategory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kategori yang dipilih tidak ada lagi."},
    )

    # The form's one-time key, placed after the buttons: it is also how a send that was cut off shows.
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate
        self.fields["categories"].queryset = NewsCategory.objects.all()
        if not self.fields["categories"].queryset.exists():
            del self.fields["categories"]
        for number in range(1, PHOTOS_MAX + 1):
            self.fields[f"alt_{number}"] = forms.CharField(
                label=f"Foto {number}: {ALT_QUESTION}",
                required=False,
                max_length=ALT_TEXT_MAX_LENGTH,
                help_text="Misalnya: Warga membersihkan saluran air di depan balai desa.",
                error_messages={"max_length": f"Paling banyak {ALT_TEXT_MAX_LENGTH} karakter."},
            )
        for field in self.fields.values():
            field.error_messages.setdefault("required", REQUIRED)
            # The browser would cut a pasted long title at the limit without a word; the check below
            # says how long it is instead.
            field.widget.attrs.pop("maxlength", None)

    def alt_fields(self):
        return [self[f"alt_{number}"] for number in range(1, PHOTOS_MAX + 1)]

    def submission_key_value(self) -> str:
        """The key the page carries: the one sent, or a fresh one for a new or cut-off form."""
        key = self.cleaned_data.get("submission_key") if hasattr(self, "cleaned_data") else None
        return str(key or uuid.uuid4())

    def main_fields(self):
        return [self[name] for name in ("title", "date", "summary", "body")]

    def errors_link(self) -> None:
        """Point each field at its hint and its error (aria-describedby), so a screen reader reads
        the error with the field it belongs to."""
        for name, field in self.fields.items():
            bound = self[name]
            described = [f"{bound.auto_id}_helptext"] if field.help_text else []
            if name in self.errors:
                described.insert(0, f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Tulis judul berita.")
        return title

    def clean_summary(self):
        summary = self.cleaned_data["summary"].strip()
        if not summary:
            raise forms.ValidationError("Tulis ringkasan satu atau dua kalimat.")
        return summary

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("submission_key"):
            self.errors.pop("submission_key", None)
            self.add_error(None, INCOMPLETE)
            return cleaned
        uploads = cleaned.get("photos") or []
        if len(uploads) > PHOTOS_MAX:
            self.add_error("photos", f"Paling banyak {PHOTOS_MAX} foto; Anda memilih {len(uploads)}.")
            return cleaned
        prepared = []
        for number, upload in enumerate(uploads, start=1):
            alt = " ".join((cleaned.get(f"alt_{number}") or "").split())
            if not alt and f"alt_{number}" not in self.errors:
                self.add_error(
                    f"alt_{number}",
                    f"Tulis apa yang terlihat di foto {number}, untuk warga yang tidak dapat melihatnya.",
                )
            try:
                prepared.append(photo_prepare(upload=upload, alt=alt, number=number))
            except NewsPublishError as error:
                self.add_error("photos", str(error))
        if prepared and not self.errors:
            try:
                storage_quota_check(adding=photos_size(prepared))
            except StorageQuotaExceeded as error:
                self.add_error("photos", str(error))
        if uploads and self.errors:
            self.add_error("photos", "Foto belum tersimpan. Pilih foto lagi setelah membetulkan isian.")
        cleaned["prepared_photos"] = prepared
        return cleaned
