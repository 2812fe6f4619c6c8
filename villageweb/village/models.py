"""Village site pages. The home page is created for every village at provisioning."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from villageweb.schemas import VillagePageMixin


class HomePage(VillagePageMixin, Page):
    """Beranda: the root of every village site."""

    greeting = RichTextField(
        "sambutan",
        blank=True,
        help_text="Sambutan kepala desa untuk pengunjung situs. Tulis dua atau tiga paragraf singkat.",
    )
    greeting_author = models.CharField(
        "nama penyambut",
        max_length=120,
        blank=True,
        help_text="Misalnya: Sutrisno, Kepala Desa Jlodro.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("greeting"),
        FieldPanel("greeting_author"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "beranda"
        verbose_name_plural = "beranda"
