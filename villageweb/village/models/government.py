"""Pemerintahan: perangkat desa, BPD, lembaga kemasyarakatan."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from villageweb.village.models.base import (
    VillagePage,
    image_field,
)
from villageweb.village.orgchart import org_chart


class PersonFields(models.Model):
    name = models.CharField("nama", max_length=120)
    position = models.CharField("jabatan", max_length=120)
    photo = image_field("foto")
    term_start = models.DateField("awal masa jabatan", null=True, blank=True)
    term_end = models.DateField("akhir masa jabatan", null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
    ]

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.name} ({self.position})"

    def clean(self):
        super().clean()
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": "Akhir masa jabatan tidak boleh sebelum awalnya."})


class OfficialsPage(VillagePage):
    """Perangkat Desa; the SOTK chart is drawn from the officials' `reports_to`."""

    content_panels = VillagePage.content_panels + [
        InlinePanel("officials", heading="Perangkat desa", label="perangkat", min_num=0),
    ]
    search_fields = VillagePage.search_fields + [
        index.RelatedFields("officials", [index.SearchField("name"), index.SearchField("position")])
    ]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "perangkat desa"
        verbose_name_plural = "perangkat desa"

    @cached_property
    def chart(self):
        return org_chart(list(self.officials.all()))


class Official(Orderable, PersonFields):
    page = ParentalKey(OfficialsPage, on_delete=models.CASCADE, related_name="officials")
    reports_to = models.CharField(
        "bertanggung jawab kepada (jabatan)",
        max_length=120,
        blank=True,
        help_text="Tulis jabatan atasan persis seperti tertulis di daftar ini, misalnya 'Sekretaris Desa'. "
        "Kosongkan untuk Kepala Desa.",
    )

    panels = PersonFields.panels + [FieldPanel("reports_to")]

    class Meta(Orderable.Meta):
        verbose_name = "perangkat desa"
        verbose_name_plural = "perangkat desa"


class BpdPage(VillagePage):
    """Badan Permusyawaratan Desa."""

    content_panels = VillagePage.content_panels + [
        InlinePanel("members", heading="Anggota BPD", label="anggota"),
    ]
    search_fields = VillagePage.search_fields + [
        index.RelatedFields("members", [index.SearchField("name"), index.SearchField("position")])
    ]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "BPD"
        verbose_name_plural = "BPD"


class BpdMember(Orderable, PersonFields):
    page = ParentalKey(BpdPage, on_delete=models.CASCADE, related_name="members")

    class Meta(Orderable.Meta):
        verbose_name = "anggota BPD"
        verbose_name_plural = "anggota BPD"


class InstitutionsPage(VillagePage):
    """Lembaga kemasyarakatan desa: LPMD, PKK, Karang Taruna, RT/RW, Linmas..."""

    content_panels = VillagePage.content_panels + [
        InlinePanel("institutions", heading="Lembaga desa", label="lembaga"),
    ]
    search_fields = VillagePage.search_fields + [
        index.RelatedFields("institutions", [index.SearchField("name"), index.SearchField("description")])
    ]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "lembaga desa"
        verbose_name_plural = "lembaga desa"


class Institution(Orderable):
    page = ParentalKey(InstitutionsPage, on_delete=models.CASCADE, related_name="institutions")
    name = models.CharField("nama lembaga", max_length=160, help_text="Misalnya: Tim Penggerak PKK.")
    chairperson = models.CharField("ketua", max_length=120, blank=True)
    description = models.TextField("tugas dan kegiatan", blank=True)
    logo = image_field("logo atau foto")

    panels = [FieldPanel("name"), FieldPanel("chairperson"), FieldPanel("description"), FieldPanel("logo")]

    class Meta(Orderable.Meta):
        verbose_name = "lembaga"
        verbose_name_plural = "lembaga"

    def __str__(self):
        return self.name
