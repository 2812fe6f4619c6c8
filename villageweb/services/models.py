"""The portal's catalogue of public services, the application registry and feedback. Public schema only.

Like the news index, a catalogue row never refers to a provider's objects: it carries the service's
components as text and lists, and the start page's path, joined with the provider's primary domain
when read, so a renamed subdomain moves every link at once.
"""

import re
from urllib.parse import urlsplit

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models

from tenants.models import Village
from villageweb.village.models.public_services import LIFE_EVENTS, LifeEventsField, validate_web_link

SEARCH_CONFIG = "indonesian"  # PostgreSQL's Snowball stemmer: kelahiran -> lahir, perizinan -> izin


class LinkStatus(models.TextChoices):
    UNCHECKED = "unchecked", "Belum diperiksa"
    OK = "ok", "Dapat dibuka"
    BROKEN = "broken", "Rusak"


TEMPLATE_GUIDANCE = (
    "Templat ini berlaku di setiap desa dan kelurahan yang dicentang di bawah: situs setiap desa "
    "menampilkannya di /layanan/ dan portal mencantumkannya per desa. Desa hanya mengubah yang berbeda "
    '(petugas, jam, tempat, telepon/WhatsApp, tautan layanan mandiri, catatan, atau "tidak dilayani di '
    'desa ini"); persyaratan, alur, waktu, biaya, produk, dan dasar hukum tetap dari templat. Setiap '
    "perubahan tampil di semua situs desa dan di portal saat disimpan. Satu persyaratan, satu langkah, "
    "dan satu dasar hukum per baris. Jangan meminta atau menulis NIK, nomor KK, atau data pribadi warga."
)


class VillageServiceTemplate(models.Model):
    """A village service the regency defines once (surat keterangan domisili, pengantar SKCK, ...):
    every desa or kelurahan site shows it at /layanan/<slug>/ with the village's own overrides
    (villageweb/services/local), and the catalogue lists it per village. Edited by Diskominfo in the
    portal's admin only (public schema)."""

    title = models.CharField("nama layanan", max_length=255)
    slug = models.SlugField(
        "slug",
        max_length=100,
        unique=True,
        error_messages={"unique": "Slug ini sudah dipakai templat layanan lain; pilih slug lain."},
        help_text="Bagian alamat: /layanan/<slug>/ di situs setiap desa, misalnya surat-keterangan-domisili.",
    )
    intro = models.CharField("ringkasan", max_length=300, help_text="Satu kalimat: untuk apa surat ini.")
    for_desa = models.BooleanField("berlaku di desa", default=True)
    for_kelurahan = models.BooleanField("berlaku di kelurahan", default=True)
    requirements = models.TextField("persyaratan", help_text="Satu persyaratan per baris.")
    steps = models.TextField("alur pelayanan", help_text="Satu langkah per baris, sesuai urutan.")
    duration = models.CharField("lama pelayanan", max_length=120, help_text="Misalnya: 1 hari kerja.")
    cost = models.CharField("biaya", max_length=200, help_text='Tulis "Gratis" bila tidak dipungut biaya.')
    output = models.CharField("produk layanan", max_length=200)
    legal_basis = models.TextField("dasar hukum", help_text="Satu peraturan per baris.")
    complaints = models.TextField(
        "saluran pengaduan",
        help_text="Ke mana warga menyampaikan keluhan; berlaku di semua desa.",
    )
    officer = models.CharField(
        "petugas (bawaan)",
        max_length=120,
        blank=True,
        help_text="Jabatan yang biasanya melayani, misalnya: Kepala Seksi Pelayanan. Desa dapat mengubahnya.",
    )
    hours = models.CharField(
        "jam layanan (bawaan)",
        max_length=200,
        blank=True,
        help_text="Jam yang berlaku bila desa tidak mengisi jamnya sendiri.",
    )
    life_events = LifeEventsField(
        models.CharField(max_length=20, choices=LIFE_EVENTS),
        verbose_name="peristiwa hidup",
        default=list,
        blank=True,
    )
    keywords = models.CharField(
        "kata kunci pencarian", max_length=300, blank=True, help_text="Sebutan lain yang dipakai warga."
    )
    reviewed_at = models.DateField("terakhir ditinjau", null=True, blank=True)
    updated_at = models.DateTimeField("terakhir diubah", auto_now=True)

    class Meta:
        verbose_name = "templat layanan desa"
        verbose_name_plural = "templat layanan desa"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if not (self.for_desa or self.for_kelurahan):
            errors["for_desa"] = "Pilih setidaknya satu: desa atau kelurahan."
        if self.slug and self.slug != self.slug.lower():
            errors["slug"] = "Slug hanya huruf kecil, angka, dan tanda hubung."
        if errors:
            raise ValidationError(errors)

    @property
    def kinds(self) -> list[str]:
        return [
            kind for kind, wanted in (("desa", self.for_desa), ("kelurahan", self.for_kelurahan)) if wanted
        ]


class CatalogueService(models.Model):
    provider = models.ForeignKey(
        Village, verbose_name="penyelenggara", on_delete=models.CASCADE, related_name="catalogue_services"
    )
    # A row comes from one service page of the provider, or from one regency template as the
    # village gives it (its overrides applied): exactly one of the two is set.
    source_page_id = models.PositiveIntegerField("ID halaman di situs penyelenggara", null=True, blank=True)
    template = models.ForeignKey(
        VillageServiceTemplate,
        verbose_name="templat kabupaten",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="catalogue_services",
    )
    name = models.CharField("nama layanan", max_length=255)
    slug = models.SlugField("slug", max_length=255, allow_unicode=True)
    summary = models.TextField("ringkasan", blank=True)
    path = models.CharField("alamat di situs penyelenggara", max_length=2000)
    requirements = ArrayField(models.TextField(), verbose_name="persyaratan", default=list, blank=True)
    procedure = ArrayField(models.TextField(), verbose_name="alur", default=list, blank=True)
    duration = models.CharField("lama pelayanan", max_length=120, blank=True)
    cost = models.CharField("biaya", max_length=200, blank=True)
    output = models.CharField("produk layanan", max_length=200, blank=True)
    legal_basis = ArrayField(models.TextField(), verbose_name="dasar hukum", default=list, blank=True)
    complaints = models.TextField("saluran pengaduan", blank=True)
    place = models.CharField("tempat layanan", max_length=200, blank=True)
    hours = models.CharField("jam layanan", max_length=200, blank=True)
    officer = models.CharField("petugas", max_length=120, blank=True)
    phone = models.CharField("telepon", max_length=40, blank=True)
    whatsapp = models.CharField("WhatsApp (62...)", max_length=20, blank=True)
    online_url = models.URLField("tautan layanan daring", max_length=500, blank=True)
    online_label = models.CharField("nama aplikasi daring", max_length=120, blank=True)
    life_events = ArrayField(
        models.CharField(max_length=20, choices=LIFE_EVENTS), verbose_name="peristiwa hidup", default=list
    )
    keywords = models.CharField("kata kunci", max_length=300, blank=True)
    reviewed_at = models.DateField("terakhir ditinjau", null=True, blank=True)
    updated_at = models.DateTimeField("terakhir diubah")
    search_vector = SearchVectorField(null=True, editable=False)
    # Kept by the daily link check (services.links_check), never by a publish.
    link_status = models.CharField(
        "status tautan", max_length=10, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED
    )
    link_checked_at = models.DateTimeField("tautan diperiksa", null=True, blank=True)
    link_problem = models.CharField("masalah tautan", max_length=200, blank=True)

    class Meta:
        verbose_name = "layanan di katalog"
        verbose_name_plural = "layanan di katalog"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "source_page_id"],
                condition=models.Q(source_page_id__isnull=False),
                name="layanan_one_row_per_page",
            ),
            models.UniqueConstraint(
                fields=["provider", "template"],
                condition=models.Q(template__isnull=False),
                name="layanan_one_row_per_template",
            ),
            models.CheckConstraint(
                condition=models.Q(source_page_id__isnull=False, template__isnull=True)
                | models.Q(source_page_id__isnull=True, template__isnull=False),
                name="layanan_page_or_template",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="layanan_search"),
            GinIndex(fields=["life_events"], name="layanan_life_events"),
            models.Index(fields=["name", "id"], name="layanan_name"),
            models.Index(fields=["provider", "name"], name="layanan_provider_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def online_available(self) -> bool:
        """The "Mulai" button is shown: there is a link and the last check did not find it broken."""
        return bool(self.online_url) and self.link_status != LinkStatus.BROKEN


class ServiceFeedback(models.Model):
    """One answer to "Apakah halaman ini membantu?": which service, yes or no, when. Nothing about
    who answered (no address, no cookie, no text)."""

    service = models.ForeignKey(
        CatalogueService, verbose_name="layanan", on_delete=models.CASCADE, related_name="feedback"
    )
    helpful = models.BooleanField("membantu")
    created_at = models.DateTimeField("waktu", auto_now_add=True)

    class Meta:
        verbose_name = "umpan balik layanan"
        verbose_name_plural = "umpan balik layanan"
        indexes = [models.Index(fields=["service", "helpful"], name="layanan_feedback_service")]


class Application(models.Model):
    """An application of an OPD (or the regency) where citizens start services: the portal's
    application registry, checked daily with the services' links."""

    name = models.CharField("nama aplikasi", max_length=150)
    owner = models.ForeignKey(
        Village,
        verbose_name="pemilik (OPD)",
        on_delete=models.PROTECT,
        related_name="applications",
        limit_choices_to={"kind__in": Village.SITE_KINDS},
    )
    url = models.URLField("alamat", max_length=500, validators=[validate_web_link])
    description = models.TextField("kegunaan", help_text="Apa yang dapat dilakukan warga di aplikasi ini.")
    link_status = models.CharField(
        "status tautan",
        max_length=10,
        choices=LinkStatus.choices,
        default=LinkStatus.UNCHECKED,
        editable=False,
    )
    link_checked_at = models.DateTimeField("diperiksa", null=True, blank=True, editable=False)
    link_problem = models.CharField("masalah tautan", max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = "aplikasi"
        verbose_name_plural = "registri aplikasi"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValidationError({"url": "Alamat aplikasi harus diawali http:// atau https://."})

    def services(self):
        """The catalogue's services that start in this application (their online link is on its host)."""
        host = urlsplit(self.url).netloc.lower()
        return CatalogueService.objects.filter(
            online_url__iregex=rf"^https?://{re.escape(host)}([/:?#]|$)"
        ).order_by("name")
