"""Admin forms: images must carry alt text, because the description is what screen readers read;
documents have a size limit like images (VILLAGEWEB_DOCUMENT_MAX_UPLOAD_SIZE); and both must fit in the
village's storage quota (villageweb/media/quota.py)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from villageweb.media.quota import StorageQuotaExceeded, storage_quota_check

ALT_TEXT_LABEL = "Teks alternatif (deskripsi gambar)"
ALT_TEXT_HELP = (
    "Wajib diisi. Jelaskan isi gambar untuk warga tunanetra, misalnya "
    "'Kepala desa menyerahkan bantuan bibit jagung kepada kelompok tani'."
)


def _quota_check(form, uploaded) -> None:
    """A new or replacing file must fit in the quota; a replaced file's size comes free again (Wagtail's
    forms delete the old file on save)."""
    if not uploaded or uploaded == form.original_file:
        return
    replaced = (form.instance.file_size or 0) if form.instance.pk else 0
    try:
        storage_quota_check(adding=uploaded.size - replaced)
    except StorageQuotaExceeded as error:
        raise forms.ValidationError(str(error)) from error


class VillageImageForm(BaseImageForm):
    """Used by every image upload of the admin (single, multiple, chooser): WAGTAILIMAGES_IMAGE_FORM_BASE."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = ALT_TEXT_LABEL
            field.help_text = ALT_TEXT_HELP
            field.error_messages["required"] = "Teks alternatif wajib diisi."

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        _quota_check(self, uploaded)
        return uploaded


class VillageDocumentForm(BaseDocumentForm):
    """Used by every document upload of the admin (single, multiple, chooser): Wagtail builds them
    all from WAGTAILDOCS_DOCUMENT_FORM_BASE. The check runs before anything is saved."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        limit = settings.VILLAGEWEB_DOCUMENT_MAX_UPLOAD_SIZE
        if uploaded and uploaded != self.original_file and uploaded.size > limit:
            raise forms.ValidationError(
                f"Berkas terlalu besar ({filesizeformat(uploaded.size)}). "
                f"Ukuran dokumen paling besar {filesizeformat(limit)}."
            )
        _quota_check(self, uploaded)
        return uploaded
