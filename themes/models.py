"""Per-village branding: the theme, the colour and the contact details a village shows on every page.

The contact details live only here: the footer, the home page and the Kontak page all read them.
"""

import re

from django.core.exceptions import ValidationError
from django.db import connection, models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from themes.colours import colour_as_text_on_white, text_colour_on, validate_primary_colour
from themes.registry import theme_choices, theme_get
from villageweb.whatsapp import whatsapp_number, whatsapp_url

WHATSAPP_GREETING = "Halo, saya ingin bertanya kepada pemerintah {kind}."


class VillageBrandingForm(WagtailAdminModelForm):
    """Tells the village admin when the regency has locked the theme, instead of silently ignoring it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from themes.regency.models import regency_policy

        policy = regency_policy()
        if policy.locked and "theme" in self.fields:
            field = self.fields["theme"]
            field.disabled = True
            field.help_text = (
                f"Tema dikunci oleh kabupaten: semua situs desa memakai tema "
                f"{theme_get(policy.default_theme).label}."
            )


def _image_field(verbose_name: str, help_text: str) -> models.ForeignKey:
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        help_text=help_text,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="image")
class VillageBranding(BaseSiteSetting):
    theme = models.CharField(
        "tema",
        max_length=40,
        blank=True,
        choices=theme_choices,
        help_text="Tampilan situs. Kosongkan untuk mengikuti tema bawaan kabupaten.",
    )
    primary_colour = models.CharField(
        "warna utama",
        max_length=7,
        blank=True,
        validators=[validate_primary_colour],
        help_text="Kode warna heksadesimal, misalnya #1d5e3a. Warna yang membuat teks sulit dibaca "
        "ditolak. Kosongkan untuk memakai warna tema.",
    )
    logo = _image_field("logo", "Lambang desa atau logo kabupaten; tampil di kepala halaman.")
    favicon = _image_field("ikon situs (favicon)", "Gambar persegi kecil yang tampil di tab peramban.")
    header_image = _image_field(
        "gambar kepala beranda", "Foto lebar desa (minimal 1280 piksel) yang tampil di beranda."
    )
    address = models.TextField("alamat kantor", blank=True)
    office_hours = models.CharField(
        "jam pelayanan", max_length=200, blank=True, help_text="Misalnya: Senin–Jumat, 08.00–15.00 WIB."
    )
    phone = models.CharField("telepon", max_length=30, blank=True)
    whatsapp = models.CharField(
        "nomor WhatsApp",
        max_length=30,
        blank=True,
        help_text="Misalnya 0812 3456 7890 atau +62 812 3456 7890.",
    )
    email = models.EmailField("surel", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    tiktok_url = models.URLField("TikTok", blank=True)
    x_url = models.URLField("X (Twitter)", blank=True)
    footer_text = models.TextField(
        "teks kaki halaman", blank=True, help_text="Tampil di bagian bawah setiap halaman."
    )

    base_form_class = VillageBrandingForm
    panels = [
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("primary_colour"), FieldPanel("logo"), FieldPanel("favicon")],
            heading="Tampilan",
        ),
        FieldPanel("header_image"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("office_hours"),
                FieldPanel("phone"),
                FieldPanel("whatsapp"),
                FieldPanel("email"),
            ],
            heading="Kontak",
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("tiktok_url"),
                FieldPanel("x_url"),
            ],
            heading="Media sosial",
        ),
        FieldPanel("footer_text"),
    ]
    select_related = ["logo", "favicon", "header_image"]

    class Meta:
        verbose_name = "identitas dan tampilan situs"
        verbose_name_plural = "identitas dan tampilan situs"

    @property
    def phone_url(self) -> str:
        return "tel:" + re.sub(r"[^\d+]", "", self.phone) if self.phone else ""

    @property
    def whatsapp_url(self) -> str:
        # A kelurahan's citizens write to "pemerintah kelurahan"; the schema's tenant says which kind.
        kind = "kelurahan" if getattr(connection.tenant, "kind", "") == "kelurahan" else "desa"
        return whatsapp_url(self.whatsapp, WHATSAPP_GREETING.format(kind=kind))

    def clean(self):
        super().clean()
        if self.whatsapp and not whatsapp_number(self.whatsapp):
            raise ValidationError(
                {"whatsapp": "Nomor WhatsApp tidak valid. Tulis nomor ponsel, misalnya 0812 3456 7890."}
            )

    @property
    def social_links(self) -> list[tuple[str, str]]:
        return [
            (label, url)
            for label, url in [
                ("Facebook", self.facebook_url),
                ("Instagram", self.instagram_url),
                ("YouTube", self.youtube_url),
                ("TikTok", self.tiktok_url),
                ("X", self.x_url),
            ]
            if url
        ]

    @property
    def colour_properties(self) -> str:
        """The CSS custom properties base.html sets inline; empty when the theme's own colour applies."""
        if not self.primary_colour:
            return ""
        colour = self.primary_colour.lower()
        return (
            f"--primary:{colour};--on-primary:{text_colour_on(colour)};"
            f"--primary-text:{colour_as_text_on_white(colour)}"
        )
