"""Profil: generic content pages, vision and mission, geography."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from villageweb.village.blocks import ContentStreamBlock
from villageweb.village.listing import pages_public
from villageweb.village.models.base import (
    VillagePage,
)


class ContentPage(VillagePage):
    """A page of text and pictures; lists its own sub-pages below the text."""

    body = StreamField(ContentStreamBlock(), verbose_name="isi", blank=True)

    content_panels = VillagePage.content_panels + [FieldPanel("body")]
    search_fields = VillagePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "halaman isi"
        verbose_name_plural = "halaman isi"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = pages_public(self.get_children()).specific()
        return context


# --- Profil ---------------------------------------------------------------------------------------


class VisionMissionPage(VillagePage):
    vision = models.TextField(
        "visi", blank=True, help_text="Satu kalimat cita-cita desa untuk masa jabatan ini."
    )
    mission = RichTextField(
        "misi",
        blank=True,
        features=["ol", "ul", "bold", "italic"],
        help_text="Daftar bernomor langkah-langkah untuk mewujudkan visi.",
    )
    body = StreamField(ContentStreamBlock(), verbose_name="keterangan tambahan", blank=True)

    content_panels = VillagePage.content_panels + [
        FieldPanel("vision"),
        FieldPanel("mission"),
        FieldPanel("body"),
    ]
    search_fields = VillagePage.search_fields + [index.SearchField("vision"), index.SearchField("mission")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "visi dan misi"
        verbose_name_plural = "visi dan misi"


class GeographyPage(VillagePage):
    area_km2 = models.DecimalField(
        "luas wilayah (km²)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    border_north = models.CharField("batas utara", max_length=200, blank=True)
    border_east = models.CharField("batas timur", max_length=200, blank=True)
    border_south = models.CharField("batas selatan", max_length=200, blank=True)
    border_west = models.CharField("batas barat", max_length=200, blank=True)
    dusun_count = models.PositiveIntegerField("jumlah dusun", null=True, blank=True)
    rw_count = models.PositiveIntegerField("jumlah RW", null=True, blank=True)
    rt_count = models.PositiveIntegerField("jumlah RT", null=True, blank=True)
    population_male = models.PositiveIntegerField("penduduk laki-laki", null=True, blank=True)
    population_female = models.PositiveIntegerField("penduduk perempuan", null=True, blank=True)
    households = models.PositiveIntegerField("jumlah kepala keluarga (KK)", null=True, blank=True)
    population_year = models.PositiveIntegerField(
        "tahun data penduduk",
        null=True,
        blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
    )
    latitude = models.DecimalField(
        "lintang",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Koordinat balai desa, misalnya -6.897000 (angka negatif untuk lintang selatan).",
    )
    longitude = models.DecimalField(
        "bujur",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Misalnya 112.064000.",
    )
    body = StreamField(ContentStreamBlock(), verbose_name="keterangan", blank=True)

    content_panels = VillagePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("area_km2"),
                FieldRowPanel([FieldPanel("border_north"), FieldPanel("border_east")]),
                FieldRowPanel([FieldPanel("border_south"), FieldPanel("border_west")]),
            ],
            heading="Luas dan batas wilayah",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("dusun_count"), FieldPanel("rw_count"), FieldPanel("rt_count")])],
            heading="Pembagian wilayah",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("population_male"), FieldPanel("population_female")]),
                FieldRowPanel([FieldPanel("households"), FieldPanel("population_year")]),
            ],
            heading="Penduduk",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])], heading="Koordinat"
        ),
        FieldPanel("body"),
    ]
    search_fields = VillagePage.search_fields + [index.SearchField("body")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "geografis dan wilayah"
        verbose_name_plural = "geografis dan wilayah"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("Isi lintang dan bujur sekaligus, atau kosongkan keduanya.")

    @property
    def population_total(self) -> int | None:
        if self.population_male is None or self.population_female is None:
            return None
        return self.population_male + self.population_female

    @property
    def openstreetmap_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=15/{self.latitude}/{self.longitude}"
        )
