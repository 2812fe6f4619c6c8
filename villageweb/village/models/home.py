"""Beranda: the village's home page."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from villageweb.schemas import VillagePageMixin
from villageweb.village.models.base import image_field
from villageweb.village.models.contact import ContactPage
from villageweb.village.models.public_services import ServicePage


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
