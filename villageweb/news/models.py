"""Village news. The portal and outside tools rely on the names NewsIndexPage and NewsPage."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from villageweb.schemas import VillagePageMixin
from villageweb.village.blocks import ContentStreamBlock


class NewsIndexPage(VillagePageMixin, Page):
    intro = models.TextField("pengantar", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["village.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = "daftar berita"
        verbose_name_plural = "daftar berita"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_items"] = (
            NewsPage.objects.live().child_of(self).order_by("-date", "-first_published_at")
        )
        return context


class NewsPage(VillagePageMixin, Page):
    date = models.DateField("tanggal")
    summary = models.TextField(
        "ringkasan",
        max_length=300,
        help_text="Satu atau dua kalimat yang muncul di daftar berita dan di portal kabupaten.",
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="gambar utama",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ContentStreamBlock(), verbose_name="isi berita", blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("main_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "berita"
        verbose_name_plural = "berita"
