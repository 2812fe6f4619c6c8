"""Layanan: the services the village office gives citizens."""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from villageweb.village.blocks import ContentStreamBlock
from villageweb.village.listing import pages_public
from villageweb.village.models.base import (
    VillagePage,
)


class ServiceIndexPage(VillagePage):
    content_panels = VillagePage.content_panels
    subpage_types = ["village.ServicePage"]
    max_count = 1

    class Meta:
        verbose_name = "daftar layanan"
        verbose_name_plural = "daftar layanan"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = pages_public(ServicePage.objects).child_of(self)
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
