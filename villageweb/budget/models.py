"""Transparansi APBDes: one page per fiscal year, its line items, table, chart and infographic."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.http import HttpResponse
from django.template.loader import render_to_string
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from villageweb.budget.summary import Bidang, BudgetSummary, Section
from villageweb.schemas import VillagePageMixin
from villageweb.village.models.base import GuidancePanel


class BudgetIndexPage(VillagePageMixin, Page):
    intro = models.TextField(
        "pengantar",
        blank=True,
        help_text="Satu atau dua kalimat tentang keterbukaan anggaran desa.",
    )

    content_panels = [
        GuidancePanel(
            text=(
                "Transparansi APBDes: buat satu halaman anak untuk setiap tahun "
                "anggaran, lalu isi rincian pendapatan, belanja per bidang, dan pembiayaan sesuai "
                "Perdes APBDes yang sudah ditetapkan. Perbarui kolom realisasi setiap kali laporan "
                "realisasi semester atau akhir tahun selesai. Tabel, grafik, dan infografis dibuat "
                "otomatis dari angka yang Anda isi."
            ),
        ),
        *Page.content_panels,
        FieldPanel("intro"),
    ]
    parent_page_types = ["village.HomePage"]
    subpage_types = ["budget.BudgetYearPage"]
    max_count = 1

    class Meta:
        verbose_name = "transparansi APBDes"
        verbose_name_plural = "transparansi APBDes"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        years = BudgetYearPage.objects.live().child_of(self).order_by("-year")
        context["years"] = [(year, year.summary()) for year in years]
        return context


class BudgetYearPage(RoutablePageMixin, VillagePageMixin, Page):
    year = models.PositiveSmallIntegerField(
        "tahun anggaran", validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    regulation = models.CharField(
        "dasar hukum",
        max_length=200,
        blank=True,
        help_text="Misalnya: Peraturan Desa Nomor 1 Tahun 2026 tentang APBDes Tahun Anggaran 2026.",
    )
    realisation_date = models.DateField(
        "realisasi per tanggal",
        null=True,
        blank=True,
        help_text="Tanggal laporan realisasi yang angkanya Anda isi.",
    )
    notes = models.TextField("catatan", blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("regulation"),
        index.SearchField("notes"),
        index.FilterField("year"),
    ]
    content_panels = [
        GuidancePanel(
            text=(
                "Isi setiap pos anggaran dengan angka rupiah tanpa titik, misalnya 1250000000. "
                "Untuk belanja, pilih bidangnya. Penerimaan pembiayaan misalnya SiLPA tahun lalu; "
                "pengeluaran pembiayaan misalnya penyertaan modal BUMDes."
            ),
        ),
        *Page.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("realisation_date")]),
        FieldPanel("regulation"),
        InlinePanel("items", heading="Rincian anggaran", label="pos anggaran", min_num=1),
        FieldPanel("notes"),
    ]
    parent_page_types = ["budget.BudgetIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "APBDes per tahun"
        verbose_name_plural = "APBDes per tahun"

    def clean(self):
        siblings = BudgetYearPage.objects.filter(year=self.year)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        if self.year and siblings.exists():
            raise ValidationError({"year": f"APBDes tahun {self.year} sudah ada."})
        super().clean()

    def summary(self) -> BudgetSummary:
        return BudgetSummary.from_items(self.year, self.items.all())

    def meta_description(self) -> str:
        """What search results and the meta/og description say of this year (the page has no
        summary text of its own; `summary` is the figures)."""
        context = {"page": self, "summary": self.summary()}
        return " ".join(render_to_string("budget/includes/description.txt", context).split())

    def infographic_url(self) -> str:
        return self.url + self.reverse_subpage("infographic")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["summary"] = self.summary()
        context["infographic_url"] = self.infographic_url()
        return context

    @path("infografis/", name="infographic")
    def infographic(self, request):
        svg = render_to_string(
            "budget/infographic.svg",
            {
                "page": self,
                "summary": self.summary(),
                "village": getattr(connection, "tenant", None),
                "page_address": request.get_host().split(":")[0] + self.url,
            },
        )
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="apbdes-{self.year}.svg"'
        return response


class BudgetItem(Orderable):
    page = ParentalKey(BudgetYearPage, related_name="items", on_delete=models.CASCADE)
    section = models.CharField("kelompok", max_length=20, choices=Section.choices)
    bidang = models.CharField(
        "bidang",
        max_length=20,
        choices=Bidang.choices,
        blank=True,
        help_text="Wajib untuk belanja; kosongkan untuk pendapatan dan pembiayaan.",
    )
    name = models.CharField(
        "uraian", max_length=200, help_text="Misalnya: Dana Desa, Pembangunan jalan rabat beton."
    )
    planned = models.PositiveBigIntegerField("anggaran (Rp)")
    realised = models.PositiveBigIntegerField("realisasi (Rp)", default=0)

    panels = [
        FieldRowPanel([FieldPanel("section"), FieldPanel("bidang")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("planned"), FieldPanel("realised")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "pos anggaran"
        verbose_name_plural = "pos anggaran"

    def clean(self):
        if self.section == Section.BELANJA and not self.bidang:
            raise ValidationError({"bidang": "Pilih bidang untuk pos belanja."})
        if self.section != Section.BELANJA and self.bidang:
            raise ValidationError({"bidang": "Bidang hanya diisi untuk pos belanja."})
        super().clean()
