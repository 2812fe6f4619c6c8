"""Village site pages: everything a desa publishes except news, announcements, agenda and APBDes.

Every page created by the template builder carries `guidance`: a note to the official on what to
write there. It is shown in the editor (never on the public site) so a new village starts with
instructions instead of placeholder text.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from villageweb.schemas import VillagePageMixin
from villageweb.village.blocks import ContentStreamBlock
from villageweb.village.contact import contact_submission_rejection
from villageweb.village.orgchart import org_chart
from villageweb.whatsapp import whatsapp_url

IMAGE = "wagtailimages.Image"
DOCUMENT = "wagtaildocs.Document"


class GuidancePanel(Panel):
    """Shows the page's own writing guidance (set by provisioning) at the top of the editor."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "village/panels/guidance_panel.html"

        def is_shown(self):
            return bool(getattr(self.instance, "guidance", ""))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["guidance"] = self.instance.guidance
            return context


class GuidedContent(models.Model):
    guidance = models.TextField("petunjuk pengisian", blank=True, editable=False)
    intro = models.TextField(
        "pengantar",
        blank=True,
        help_text="Satu atau dua kalimat di bawah judul; juga dipakai sebagai deskripsi di mesin pencari.",
    )

    class Meta:
        abstract = True

    @property
    def summary(self) -> str:
        return self.intro


class VillagePage(VillagePageMixin, GuidedContent, Page):
    """Base of the village's content pages."""

    content_panels = [GuidancePanel(heading="Petunjuk")] + Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True


def image_field(verbose_name: str, help_text: str = ""):
    return models.ForeignKey(
        IMAGE,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


# --- Beranda -----------------------------------------------------------------------------------


class HomePage(VillagePageMixin, Page):
    """Beranda: the root of every village site."""

    hero_image = image_field(
        "gambar utama",
        "Foto lebar yang mewakili desa (balai desa, pemandangan, kegiatan warga). Minimal 1600 piksel lebar.",
    )
    greeting = RichTextField(
        "sambutan",
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Sambutan kepala desa untuk pengunjung situs. Tulis dua atau tiga paragraf singkat.",
    )
    greeting_author = models.CharField(
        "nama penyambut",
        max_length=120,
        blank=True,
        help_text="Misalnya: Sutrisno, Kepala Desa Jlodro.",
    )
    greeting_photo = image_field("foto kepala desa")

    content_panels = Page.content_panels + [
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("greeting"), FieldPanel("greeting_author"), FieldPanel("greeting_photo")],
            heading="Sambutan kepala desa",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("greeting")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "beranda"
        verbose_name_plural = "beranda"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = ServicePage.objects.live().descendant_of(self).order_by("path")[:8]
        context["contact_page"] = ContactPage.objects.live().descendant_of(self).first()
        return context


# --- Generic content (Profil, Sejarah, Pemerintahan, Potensi) --------------------------------------


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
        context["children"] = self.get_children().live().public().specific()
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


# --- Pemerintahan --------------------------------------------------------------------------------


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


# --- Produk hukum and informasi publik (snippets: long lists, filtered in the admin) --------------


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
    """Information the village must publish under UU 14/2008 (Keterbukaan Informasi Publik)."""

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

    panels = [
        FieldPanel("category"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("year"),
        FieldPanel("document"),
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
        year = request.GET.get("tahun", "")
        if kind in LegalProduct.Kind.values:
            products = products.filter(kind=kind)
        else:
            kind = ""
        if year.isdigit():
            products = products.filter(year=int(year))
        else:
            year = ""
        context.update(
            products=products,
            kinds=LegalProduct.Kind.choices,
            years=LegalProduct.objects.values_list("year", flat=True).distinct().order_by("-year"),
            selected_kind=kind,
            selected_year=year,
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


# --- Potensi & UMKM ------------------------------------------------------------------------------


class UmkmPage(VillagePage):
    """Products of the village's small businesses, each with a WhatsApp link to its producer."""

    content_panels = VillagePage.content_panels + [InlinePanel("products", heading="Produk", label="produk")]
    search_fields = VillagePage.search_fields + [
        index.RelatedFields(
            "products",
            [index.SearchField("name"), index.SearchField("producer"), index.SearchField("description")],
        )
    ]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "UMKM"
        verbose_name_plural = "UMKM"


class Product(Orderable):
    page = ParentalKey(UmkmPage, on_delete=models.CASCADE, related_name="products")
    name = models.CharField("nama produk", max_length=160)
    producer = models.CharField("produsen / nama usaha", max_length=160)
    photo = image_field("foto produk")
    description = models.TextField("keterangan", blank=True)
    price = models.PositiveIntegerField(
        "harga (rupiah)", null=True, blank=True, help_text="Angka saja, tanpa titik."
    )
    unit = models.CharField("satuan", max_length=40, blank=True, help_text="Misalnya: per kg, per lembar.")
    whatsapp = models.CharField(
        "nomor WhatsApp",
        max_length=20,
        blank=True,
        help_text="Misalnya 081234567890. Pembeli dapat langsung menghubungi lewat WhatsApp.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("producer"),
        FieldPanel("photo"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("unit")]),
        FieldPanel("whatsapp"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "produk"
        verbose_name_plural = "produk"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.whatsapp and not whatsapp_url(self.whatsapp, ""):
            raise ValidationError({"whatsapp": "Nomor WhatsApp tidak valid. Contoh: 081234567890."})

    @property
    def whatsapp_link(self) -> str:
        site = self.page.get_site()
        source = site.site_name if site and site.site_name else self.page.title
        message = f"Halo {self.producer}, saya tertarik dengan {self.name} dari situs {source}."
        return whatsapp_url(self.whatsapp, message)


# --- Galeri -------------------------------------------------------------------------------------


class GalleryIndexPage(VillagePage):
    content_panels = VillagePage.content_panels
    subpage_types = ["village.GalleryAlbumPage"]
    max_count = 1

    class Meta:
        verbose_name = "galeri"
        verbose_name_plural = "galeri"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["albums"] = (
            GalleryAlbumPage.objects.live().public().child_of(self).order_by("-date", "-first_published_at")
        )
        return context


class GalleryAlbumPage(VillagePage):
    date = models.DateField("tanggal kegiatan", null=True, blank=True)

    content_panels = VillagePage.content_panels + [
        FieldPanel("date"),
        InlinePanel("gallery_images", heading="Foto", label="foto", min_num=1),
    ]
    parent_page_types = ["village.GalleryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "album foto"
        verbose_name_plural = "album foto"

    @property
    def cover(self):
        first = self.gallery_images.first()
        return first.image if first else None


class GalleryImage(Orderable):
    page = ParentalKey(GalleryAlbumPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(IMAGE, verbose_name="foto", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField("keterangan foto", max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "foto"
        verbose_name_plural = "foto"


# --- Layanan ------------------------------------------------------------------------------------


class ServiceIndexPage(VillagePage):
    content_panels = VillagePage.content_panels
    subpage_types = ["village.ServicePage"]
    max_count = 1

    class Meta:
        verbose_name = "daftar layanan"
        verbose_name_plural = "daftar layanan"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = ServicePage.objects.live().public().child_of(self)
        return context


class ServicePage(VillagePage):
    """A service procedure (e.g. surat pengantar SKCK): what to bring, what happens, how long, how much."""

    requirements = models.TextField("persyaratan", blank=True, help_text="Satu persyaratan per baris.")
    steps = models.TextField("alur pelayanan", blank=True, help_text="Satu langkah per baris, sesuai urutan.")
    duration = models.CharField(
        "lama pelayanan", max_length=120, blank=True, help_text="Misalnya: 1 hari kerja."
    )
    cost = models.CharField("biaya", max_length=120, blank=True, help_text="Misalnya: Gratis.")
    place = models.CharField("tempat dan jam layanan", max_length=200, blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name="keterangan tambahan", blank=True)

    content_panels = VillagePage.content_panels + [
        FieldPanel("requirements"),
        FieldPanel("steps"),
        FieldRowPanel([FieldPanel("duration"), FieldPanel("cost")]),
        FieldPanel("place"),
        FieldPanel("body"),
    ]
    search_fields = VillagePage.search_fields + [
        index.SearchField("requirements"),
        index.SearchField("steps"),
        index.SearchField("body"),
    ]
    parent_page_types = ["village.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "layanan"
        verbose_name_plural = "layanan"

    @property
    def requirement_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.requirements.splitlines() if line.strip(" -•\t")]

    @property
    def step_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.steps.splitlines() if line.strip(" -•\t")]


# --- Kontak & Pengaduan -------------------------------------------------------------------------


class ContactDetailsPanel(Panel):
    """Where the contact page's office details are edited: the site's identity settings."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "village/panels/contact_details_panel.html"

        def get_context_data(self, parent_context=None):
            from wagtail.models import Site

            from themes.models import VillageBranding

            context = super().get_context_data(parent_context)
            site = Site.objects.filter(is_default_site=True).first()
            context["contact"] = VillageBranding.for_site(site) if site else None
            return context


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(VillagePageMixin, GuidedContent, AbstractEmailForm):
    """The complaint form, under the office's contact details; submissions stay in this village's schema.

    The details themselves (address, telephone, WhatsApp, e-mail, office hours) have one home, the
    site's `VillageBranding`, which also prints them in every page's footer: an official changes the
    number once. Spam protection (honeypot and rate limit) lives in `villageweb.village.contact`.
    """

    thank_you_text = RichTextField("pesan terima kasih", blank=True, features=["bold", "italic", "link"])

    content_panels = (
        [GuidancePanel(heading="Petunjuk")]
        + AbstractEmailForm.content_panels
        + [
            FormSubmissionsPanel(),
            FieldPanel("intro"),
            ContactDetailsPanel(heading="Kontak kantor desa"),
            InlinePanel("form_fields", heading="Isian formulir", label="isian"),
            FieldPanel("thank_you_text"),
            MultiFieldPanel(
                [
                    FieldPanel("to_address"),
                    FieldRowPanel([FieldPanel("from_address"), FieldPanel("subject")]),
                ],
                heading="Pemberitahuan surel (opsional)",
            ),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "kontak dan pengaduan"
        verbose_name_plural = "kontak dan pengaduan"

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            rejection = contact_submission_rejection(request)
            if rejection is not None:
                status, message = rejection
                context = self.get_context(request)
                context["form"] = self.get_form(request.POST, page=self, user=request.user)
                context["rejection"] = message
                return TemplateResponse(request, self.get_template(request), context, status=status)
        response = super().serve(request, *args, **kwargs)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if request.method == "POST" and form is not None and form.errors:
            response.status_code = 400
        return response
