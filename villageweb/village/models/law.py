"""Produk hukum and informasi publik: snippets (long lists, filtered in the admin) and their pages."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from villageweb.query_params import query_int
from villageweb.village.models.base import (
    DOCUMENT,
    VillagePage,
)


class LegalProduct(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        PERDES = "perdes", "Peraturan Desa"
        PERKADES = "perkades", "Peraturan Kepala Desa"
        SK = "sk", "Keputusan Kepala Desa"
        PERBER = "perber", "Peraturan Bersama Kepala Desa"

    kind = models.CharField("jenis", max_length=10, choices=Kind.choices)
    number = models.CharField("nomor", max_length=30, help_text="Misalnya: 3 (tanpa tahun).")
    year = models.PositiveIntegerField("tahun", validators=[MinValueValidator(1945), MaxValueValidator(2100)])
    title = models.CharField("tentang", max_length=300, help_text="Judul lengkap tanpa kata 'tentang'.")
    enacted_on = models.DateField("tanggal ditetapkan", null=True, blank=True)
    document = models.ForeignKey(
        DOCUMENT,
        verbose_name="dokumen (PDF)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("year")]),
        FieldPanel("title"),
        FieldPanel("enacted_on"),
        FieldPanel("document"),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("kind"), index.FilterField("year")]

    class Meta:
        verbose_name = "produk hukum"
        verbose_name_plural = "produk hukum"
        ordering = ["-year", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number", "year"],
                name="village_legalproduct_unique_number",
                violation_error_message="Produk hukum dengan jenis, nomor, dan tahun ini sudah ada.",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} Nomor {self.number} Tahun {self.year} tentang {self.title}"


class PublicInformation(index.Indexed, models.Model):
    """Information the village must publish under UU 14/2008 (Keterbukaan Informasi Publik); one row of
    its Daftar Informasi Publik with the columns PerKI 1/2018 names."""

    class Form(models.TextChoices):
        PRINTED = "cetak", "Cetak"
        ELECTRONIC = "elektronik", "Elektronik"
        BOTH = "cetak_elektronik", "Cetak dan elektronik"

    class Category(models.TextChoices):
        PERIODIC = "berkala", "Informasi yang wajib disediakan dan diumumkan secara berkala"
        IMMEDIATE = "serta_merta", "Informasi yang wajib diumumkan secara serta-merta"
        ON_REQUEST = "setiap_saat", "Informasi yang wajib tersedia setiap saat"

    category = models.CharField("kategori", max_length=12, choices=Category.choices)
    title = models.CharField("judul", max_length=300)
    description = models.TextField("keterangan", blank=True)
    year = models.PositiveIntegerField(
        "tahun", null=True, blank=True, validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    document = models.ForeignKey(
        DOCUMENT, verbose_name="dokumen", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    holder = models.CharField(
        "pejabat/unit yang menguasai informasi",
        max_length=200,
        blank=True,
        help_text="Misalnya: Sekretaris Desa.",
    )
    responsible = models.CharField(
        "penanggung jawab pembuatan atau penerbitan",
        max_length=200,
        blank=True,
        help_text="Misalnya: Kepala Desa.",
    )
    made = models.CharField(
        "waktu dan tempat pembuatan",
        max_length=200,
        blank=True,
        help_text="Misalnya: Januari 2026, Kantor Desa.",
    )
    form = models.CharField(
        "bentuk informasi yang tersedia", max_length=20, choices=Form.choices, default=Form.BOTH
    )
    retention = models.CharField(
        "jangka waktu penyimpanan", max_length=100, blank=True, help_text="Misalnya: 5 tahun."
    )

    panels = [
        FieldPanel("category"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("year"),
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("holder"), FieldPanel("responsible")]),
        FieldRowPanel([FieldPanel("made"), FieldPanel("form"), FieldPanel("retention")]),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("description")]

    class Meta:
        verbose_name = "informasi publik"
        verbose_name_plural = "informasi publik"
        ordering = ["category", "-year", "title"]

    def __str__(self):
        return self.title


class LegalProductIndexPage(VillagePage):
    content_panels = VillagePage.content_panels
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "daftar produk hukum"
        verbose_name_plural = "daftar produk hukum"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        products = LegalProduct.objects.select_related("document")
        kind = request.GET.get("jenis", "")
        year = query_int(request, "tahun", default=None, minimum=1, maximum=9999)
        if kind in LegalProduct.Kind.values:
            products = products.filter(kind=kind)
        else:
            kind = ""
        if year is not None:
            products = products.filter(year=year)
        context.update(
            products=products,
            kinds=LegalProduct.Kind.choices,
            years=LegalProduct.objects.values_list("year", flat=True).distinct().order_by("-year"),
            selected_kind=kind,
            selected_year="" if year is None else str(year),
        )
        return context


class PublicInformationPage(VillagePage):
    content_panels = VillagePage.content_panels
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "daftar informasi publik"
        verbose_name_plural = "daftar informasi publik"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = PublicInformation.objects.select_related("document")
        context["groups"] = [
            (value, label, [item for item in items if item.category == value])
            for value, label in PublicInformation.Category.choices
        ]
        return context
