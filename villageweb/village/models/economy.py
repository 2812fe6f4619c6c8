"""Potensi & UMKM: local businesses and their products."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from villageweb.village.models.base import (
    VillagePage,
    image_field,
)
from villageweb.whatsapp import whatsapp_url


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
