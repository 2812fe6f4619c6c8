"""Admin forms: images must carry alt text, because the description is what screen readers read."""

from wagtail.images.forms import BaseImageForm

ALT_TEXT_LABEL = "Teks alternatif (deskripsi gambar)"
ALT_TEXT_HELP = (
    "Wajib diisi. Jelaskan isi gambar untuk warga tunanetra, misalnya "
    "'Kepala desa menyerahkan bantuan bibit jagung kepada kelompok tani'."
)


class VillageImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = ALT_TEXT_LABEL
            field.help_text = ALT_TEXT_HELP
            field.error_messages["required"] = "Teks alternatif wajib diisi."
