"""Pengumuman (announcements that expire by date) and Agenda (events with iCal files)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from villageweb.announcements.calendar import calendar_build
from villageweb.schemas import VillagePageMixin
from villageweb.village.blocks import ContentStreamBlock
from villageweb.village.listing import pages_public
from villageweb.village.models.base import GuidancePanel

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def current_announcements(today=None):
    """Announcements citizens should still see: live and valid until today or later."""
    today = today or timezone.localdate()
    return (
        pages_public(AnnouncementPage.objects)
        .filter(valid_until__gte=today)
        .order_by("-date", "-first_published_at")
    )


class AnnouncementIndexPage(VillagePageMixin, Page):
    intro = models.TextField(
        "pengantar",
        blank=True,
        help_text="Satu kalimat pembuka di atas daftar pengumuman.",
    )

    content_panels = [
        GuidancePanel(
            text=(
                "Pengumuman untuk hal yang harus diketahui warga dalam waktu "
                "tertentu: jadwal penyaluran BLT Dana Desa, pendaftaran perangkat desa, pemadaman "
                'listrik, jadwal posyandu, batas pembayaran PBB. Isi "Berlaku sampai": setelah '
                "tanggal itu pengumuman hilang sendiri dari beranda, tetapi tetap tersimpan di arsip."
            ),
        ),
        *Page.content_panels,
        FieldPanel("intro"),
    ]
    parent_page_types = ["village.HomePage"]
    subpage_types = ["announcements.AnnouncementPage"]
    max_count = 1

    class Meta:
        verbose_name = "daftar pengumuman"
        verbose_name_plural = "daftar pengumuman"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        children = (
            pages_public(AnnouncementPage.objects).child_of(self).order_by("-date", "-first_published_at")
        )
        context["current_items"] = children.filter(valid_until__gte=today)
        context["expired_items"] = children.filter(valid_until__lt=today)[:20]
        return context


class AnnouncementPage(VillagePageMixin, Page):
    date = models.DateField("tanggal pengumuman", default=timezone.localdate)
    valid_until = models.DateField(
        "berlaku sampai",
        help_text="Setelah tanggal ini pengumuman tidak lagi tampil di beranda.",
    )
    summary = models.TextField(
        "ringkasan", max_length=300, help_text="Satu atau dua kalimat inti pengumuman."
    )
    body = StreamField(ContentStreamBlock(), verbose_name="isi pengumuman", blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("valid_until"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("valid_until")], heading="Tanggal"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["announcements.AnnouncementIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "pengumuman"
        verbose_name_plural = "pengumuman"

    def clean(self):
        if self.date and self.valid_until and self.valid_until < self.date:
            raise ValidationError({"valid_until": "Tanggal berlaku tidak boleh sebelum tanggal pengumuman."})
        super().clean()

    @property
    def is_expired(self) -> bool:
        return self.valid_until < timezone.localdate()


def upcoming_events(now=None):
    """Events that have not ended yet, soonest first."""
    now = now or timezone.now()
    return pages_public(EventPage.objects).filter(end__gte=now).order_by("start")


class EventIndexPage(RoutablePageMixin, VillagePageMixin, Page):
    """Agenda: upcoming and past events, and the whole agenda as one iCal file."""

    intro = models.TextField("pengantar", blank=True, help_text="Satu kalimat pembuka di atas agenda.")

    content_panels = [
        GuidancePanel(
            text=(
                "Agenda berisi kegiatan desa yang terjadwal: musyawarah desa, "
                "posyandu, kerja bakti, rapat BPD, peringatan hari besar. Isi waktu mulai dan "
                "selesai serta tempatnya. Warga dapat menyimpan acara ke kalender ponsel mereka."
            ),
        ),
        *Page.content_panels,
        FieldPanel("intro"),
    ]
    parent_page_types = ["village.HomePage"]
    subpage_types = ["announcements.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "agenda"
        verbose_name_plural = "agenda"

    def events(self):
        return pages_public(EventPage.objects).child_of(self)

    def calendar_url(self) -> str:
        return self.url + self.reverse_subpage("calendar")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["upcoming_events"] = self.events().filter(end__gte=now).order_by("start")
        context["past_events"] = self.events().filter(end__lt=now).order_by("-start")[:30]
        context["calendar_url"] = self.calendar_url()
        return context

    @path("kalender/", name="calendar")
    def calendar(self, request):
        return _calendar_response(calendar_build(self.events().order_by("start"), request=request), "agenda")


class EventPage(RoutablePageMixin, VillagePageMixin, Page):
    start = models.DateTimeField("mulai")
    end = models.DateTimeField("selesai")
    place = models.CharField("tempat", max_length=200, help_text="Misalnya: Balai Desa, Dusun Krajan.")
    description = models.TextField(
        "keterangan",
        help_text="Apa acaranya, siapa yang diundang, apa yang perlu dibawa.",
    )

    search_fields = Page.search_fields + [
        index.SearchField("place"),
        index.SearchField("description"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading="Waktu"),
        FieldPanel("place"),
        FieldPanel("description"),
    ]
    parent_page_types = ["announcements.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "acara"
        verbose_name_plural = "acara"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "Waktu selesai tidak boleh sebelum waktu mulai."})
        super().clean()

    def calendar_url(self) -> str:
        return self.url + self.reverse_subpage("calendar")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["calendar_url"] = self.calendar_url()
        context["is_past"] = self.end < timezone.now()
        return context

    @path("kalender/", name="calendar")
    def calendar(self, request):
        return _calendar_response(calendar_build([self], request=request), self.slug)


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
