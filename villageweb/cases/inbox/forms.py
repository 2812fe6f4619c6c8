from django import forms

from villageweb.cases.services import case_handlers, providers, user_label

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
DOCUMENT_EXTENSIONS = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".odt",
    ".ods",
    ".csv",
    ".txt",
    ".jpg",
    ".png",
)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Jawaban untuk warga (tampil di halaman Lacak)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Jangan menulis nama, NIK, nomor KK, atau nomor telepon: jawaban ini dapat dibaca "
        "siapa pun yang memegang kode lacak.",
    )
    link = forms.URLField(
        label="Tautan informasi (bila ada)", required=False, max_length=500, assume_scheme="https"
    )
    document = forms.FileField(label="Pilih dokumen jawaban (bila ada)", required=False)
    close = forms.BooleanField(label="Tandai selesai sekaligus", required=False)

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document is None:
            return None
        if document.size > DOCUMENT_MAX_BYTES:
            raise forms.ValidationError("Dokumen paling besar 20 MB.")
        if not document.name.lower().endswith(DOCUMENT_EXTENSIONS):
            raise forms.ValidationError("Unggah PDF, dokumen kantor, CSV, teks, JPG, atau PNG.")
        return document


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Catatan internal (tidak tampil untuk warga)",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssignForm(forms.Form):
    """One of the site's own accounts that work on cases (read in the site's schema)."""

    assignee = forms.ChoiceField(label="Petugas yang menangani")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "Pilih akun petugas")] + [
            (user.get_username(), user_label(user)) for user in case_handlers()
        ]


class ObjectionAnswerForm(forms.Form):
    text = forms.CharField(
        label="Tanggapan atas keberatan (tampil di halaman Lacak)",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Jangan menulis nama, NIK, nomor KK, atau nomor telepon.",
    )
    close = forms.BooleanField(label="Tandai selesai sekaligus", required=False, initial=True)


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label="Alasan perpanjangan 7 hari kerja (tampil untuk warga)",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ForwardForm(forms.Form):
    to_provider = forms.ModelChoiceField(
        label="Teruskan ke", queryset=providers(), empty_label="Pilih penyelenggara"
    )
    reason = forms.CharField(label="Alasan (catatan internal)", required=False, max_length=1000)

    def __init__(self, *args, provider=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provider is not None:
            self.fields["to_provider"].queryset = providers().exclude(pk=provider.pk)


class NoticeAddressForm(forms.Form):
    email = forms.EmailField(label="Alamat surel untuk pemberitahuan")
