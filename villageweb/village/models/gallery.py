"""Galeri: photo albums."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from villageweb.village.listing import pages_public
from villageweb.village.models.base import IMAGE, VillagePage


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
            pages_public(GalleryAlbumPage.objects).child_of(self).order_by("-date", "-first_published_at")
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
