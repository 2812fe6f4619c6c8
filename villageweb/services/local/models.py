"""A village's own details for the regency's village services. Village schemas only."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce

from villageweb.village.models.public_services import ServiceChannels


class ServiceOverride(ServiceChannels):
    """What differs in this village from one regency template (`template_id`), or, with no template,
    the village's defaults for all of them (one row: its service desk's officer, hours, WhatsApp, its
    OpenSID "layanan mandiri" address...). An empty field keeps what comes from above: the template's
    own override first, then the village's defaults, then the template.

    `template_id` names a row of the public schema's layanan_villageservicetemplate without a foreign
    key: a village's schema holds no constraint on a public table (restores and clones stay simple);
    a row of a deleted template is ignored."""

    template_id = models.PositiveIntegerField("templat", null=True, blank=True, editable=False)
    not_served = models.BooleanField(
        "tidak dilayani di desa ini",
        default=False,
        help_text="Layanan ini tidak tampil di situs desa maupun di portal. Tulis di catatan ke mana "
        "warga dapat mengurusnya.",
    )
    notes = models.TextField(
        "catatan desa",
        blank=True,
        help_text="Keterangan tambahan khusus desa ini, misalnya: berkas dapat dititipkan ke Ketua RT.",
    )
    updated_at = models.DateTimeField("terakhir diubah", auto_now=True)

    class Meta:
        verbose_name = "pengaturan layanan desa"
        verbose_name_plural = "pengaturan layanan desa"
        constraints = [
            # One row per template, and one row of defaults (template_id NULL): ids start at 1.
            models.UniqueConstraint(Coalesce("template_id", 0), name="layanan_desa_one_per_template"),
        ]

    def __str__(self):
        return f"Pengaturan layanan {self.template_id or 'umum'}"

    def clean(self):
        errors = self.channel_errors()
        if self.online_label and not self.online_url:
            errors["online_url"] = "Isi tautan aplikasinya, atau kosongkan nama aplikasi."
        if self.not_served and self.template_id is None:
            errors["not_served"] = '"Tidak dilayani" hanya untuk satu layanan, bukan untuk semua.'
        if errors:
            raise ValidationError(errors)

    FIELDS = ("officer", "place", "hours", "phone", "whatsapp", "online_url", "online_label", "notes")
