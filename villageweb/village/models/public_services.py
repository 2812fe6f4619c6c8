"""Layanan: the services a provider (a village, a kecamatan or an OPD) gives citizens.

One page per service, its components those of the public-service standard (UU 25/2009 Pasal 21,
PermenPANRB 15/2014): each is a field of its own, not one rich-text blob, so the portal's catalogue
(villageweb/services), its API, JSON-LD and completeness read them.
"""

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail.url_routing import RouteResult

from villageweb.schemas import in_public_schema
from villageweb.village.blocks import ContentStreamBlock
from villageweb.village.listing import pages_public
from villageweb.village.models.base import GuidancePanel, VillagePage
from villageweb.whatsapp import whatsapp_number, whatsapp_url

# The life events citizens browse services by (the portal's /layanan/ and the API's `event`).
LIFE_EVENTS = [
    ("kelahiran", "Kelahiran"),
    ("sekolah", "Sekolah"),
    ("menikah", "Menikah"),
    ("pindah", "Pindah tempat tinggal"),
    ("usaha", "Usaha dan pekerjaan"),
    ("sakit", "Sakit dan kesehatan"),
    ("kematian", "Kematian"),
    ("bencana", "Bencana"),
]
LIFE_EVENT_LABELS = dict(LIFE_EVENTS)

validate_web_link = URLValidator(
    schemes=["http", "https"],
    message="Tautan harus alamat web lengkap yang diawali http:// atau https://.",
)

SERVICE_GUIDANCE = (
    "Isi setiap bagian persis seperti yang berlaku di kantor, dengan bahasa sehari-hari: warga membaca "
    "halaman ini di ponsel sebelum datang. Satu persyaratan, satu langkah, dan satu dasar hukum "
    "per baris.\n\n"
    'Biaya wajib diisi; tulis "Gratis" bila tidak dipungut biaya. Bila layanan dapat dimulai secara '
    'daring, isi tautannya: tombol "Mulai" muncul di halaman. Setelah memeriksa seluruh isi, perbarui '
    'tanggal "terakhir ditinjau"; layanan yang tidak ditinjau 12 bulan masuk daftar pengingat Diskominfo.\n\n'
    "Jangan pernah meminta atau menulis NIK, nomor KK, atau data pribadi warga di halaman ini."
)


class LifeEventsField(ArrayField):
    """A list of life events, edited as check boxes."""

    def formfield(self, **kwargs):
        return models.Field.formfield(
            self,
            **{
                "form_class": forms.TypedMultipleChoiceField,
                "choices": LIFE_EVENTS,
                "widget": forms.CheckboxSelectMultiple,
                "required": False,
                **kwargs,
            },
        )


def text_lines(text: str) -> list[str]:
    """One item per non-empty line, list marks (-, •) dropped."""
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


SERVICE_INDEX_SLUG = "layanan"  # every provider's /layanan/ is a contract URL


WHATSAPP_INVALID = "Nomor WhatsApp harus nomor ponsel Indonesia, misalnya 0812-3456-7890."


class ServiceChannels(models.Model):
    """Where and how a citizen reaches a service: the office, its hours and officer, phone and
    WhatsApp, and the online application behind "Mulai". A provider's own service page and a
    village's settings of a regency service (villageweb/services/local) both hold them."""

    place = models.CharField(
        "tempat layanan", max_length=200, blank=True, help_text="Nama kantor dan alamatnya."
    )
    hours = models.CharField(
        "jam layanan", max_length=200, blank=True, help_text="Misalnya: Senin–Jumat, 08.00–14.00 WIB."
    )
    officer = models.CharField(
        "petugas", max_length=120, blank=True, help_text="Jabatan petugas yang melayani (tanpa data pribadi)."
    )
    phone = models.CharField("telepon", max_length=40, blank=True)
    whatsapp = models.CharField(
        "WhatsApp", max_length=40, blank=True, help_text="Nomor ponsel layanan, misalnya 0812-3456-7890."
    )
    online_url = models.URLField(
        "tautan layanan daring",
        max_length=500,
        blank=True,
        validators=[validate_web_link],
        help_text='Alamat aplikasi tempat warga memulai layanan (https://...); tombol "Mulai" membukanya.',
    )
    online_label = models.CharField(
        "nama aplikasi daring", max_length=120, blank=True, help_text="Misalnya: Tuban Smart Dukcapil."
    )

    class Meta:
        abstract = True

    def channel_errors(self) -> dict[str, str]:
        """Field errors of the channels, for the model's own clean()."""
        if self.whatsapp and not whatsapp_number(self.whatsapp):
            return {"whatsapp": WHATSAPP_INVALID}
        return {}

    @property
    def whatsapp_link(self) -> str:
        return whatsapp_url(self.whatsapp, "")


class ServiceIndexPage(VillagePage):
    """The provider's /layanan/: its own service pages, and on a village's site the services the
    regency defines for every village (their start pages at /layanan/<slug>/ have no page of their
    own; the `villageweb_regency_services` and `villageweb_regency_service` hooks supply them)."""

    content_panels = VillagePage.content_panels
    subpage_types = ["village.ServicePage"]
    max_count = 1

    class Meta:
        verbose_name = "daftar layanan"
        verbose_name_plural = "daftar layanan"

    def clean(self):
        super().clean()
        if self.slug != SERVICE_INDEX_SLUG:
            raise ValidationError(
                {"slug": "Alamat daftar layanan tetap /layanan/ (dipakai portal dan warga)."}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        own = list(pages_public(ServicePage.objects).child_of(self))
        regency = [
            service
            for lister in hooks.get_hooks("villageweb_regency_services")
            for service in lister(index=self, request=request)
        ]
        listed = [service for service in regency if service.listed]
        context["services"] = sorted(
            [(page.title, page.url, page.intro) for page in own]
            + [(service.title, service.path, service.intro) for service in listed],
            key=lambda row: row[0].lower(),
        )
        context["services_not_served"] = [service for service in regency if service.not_served]
        return context

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if request is None or not urls:
            return urls
        base = urls[0]["location"]
        for lister in hooks.get_hooks("villageweb_regency_services"):
            for service in lister(index=self, request=request):
                if service.listed:
                    urls.append({"location": f"{base}{service.slug}/", "lastmod": service.updated_at})
        return urls

    def route(self, request, path_components):
        """Own pages first; then a regency service at /layanan/<slug>/ (none where the village
        marked it "tidak dilayani" or has its own page at that address)."""
        try:
            return super().route(request, path_components)
        except Http404:
            if self.live and len(path_components) == 1:
                for finder in hooks.get_hooks("villageweb_regency_service"):
                    found = finder(index=self, slug=path_components[0], request=request)
                    if found is not None:
                        return RouteResult(self, kwargs={"regency_page": found})
            raise

    def serve(self, request, *args, regency_page=None, **kwargs):
        if regency_page is None:
            return super().serve(request, *args, **kwargs)
        context = VillagePage.get_context(self, request)
        context.update(page=regency_page, self=regency_page, service_index=self)
        for extra in hooks.get_hooks("villageweb_service_page_context"):
            context.update(extra(page=regency_page, request=request))
        return TemplateResponse(request, regency_page.template, context)


class ServicePage(ServiceChannels, VillagePage):
    """A service (e.g. surat pengantar SKCK, akta kelahiran): what to bring, what happens, how long,
    how much, on what legal basis, where and when, how to start it online and where to complain."""

    requirements = models.TextField("persyaratan", blank=True, help_text="Satu persyaratan per baris.")
    steps = models.TextField("alur pelayanan", blank=True, help_text="Satu langkah per baris, sesuai urutan.")
    duration = models.CharField(
        "lama pelayanan", max_length=120, blank=True, help_text="Misalnya: 1 hari kerja."
    )
    cost = models.CharField(
        "biaya",
        max_length=200,
        blank=True,
        help_text='Tulis "Gratis" bila tidak dipungut biaya; bila berbayar, sebutkan jumlah dan '
        "dasar tarifnya.",
    )
    output = models.CharField(
        "produk layanan",
        max_length=200,
        blank=True,
        help_text="Yang diterima warga di akhir layanan, misalnya: Kutipan Akta Kelahiran.",
    )
    legal_basis = models.TextField(
        "dasar hukum",
        blank=True,
        help_text="Satu peraturan per baris, misalnya: Peraturan Presiden Nomor 96 Tahun 2018.",
    )
    complaints = models.TextField(
        "saluran pengaduan",
        blank=True,
        help_text="Ke mana warga menyampaikan keluhan, misalnya: SP4N-LAPOR! (lapor.go.id) atau "
        "WhatsApp pengaduan.",
    )
    life_events = LifeEventsField(
        models.CharField(max_length=20, choices=LIFE_EVENTS),
        verbose_name="peristiwa hidup",
        default=list,
        blank=True,
        help_text="Kapan warga membutuhkan layanan ini; dipakai untuk menjelajah layanan di portal.",
    )
    keywords = models.CharField(
        "kata kunci pencarian",
        max_length=300,
        blank=True,
        help_text="Sebutan lain yang dipakai warga, dipisah koma, misalnya: akte lahir, surat lahir.",
    )
    reviewed_at = models.DateField(
        "terakhir ditinjau", null=True, blank=True, help_text="Tanggal isi halaman ini terakhir diperiksa."
    )
    body = StreamField(ContentStreamBlock(), verbose_name="keterangan tambahan", blank=True)

    content_panels = [
        GuidancePanel(SERVICE_GUIDANCE, heading="Petunjuk"),
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("requirements"), FieldPanel("steps")], heading="Persyaratan dan alur"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("duration"), FieldPanel("cost")]), FieldPanel("output")],
            heading="Waktu, biaya, dan produk",
        ),
        FieldPanel("legal_basis"),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("hours"),
                FieldPanel("officer"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("whatsapp")]),
            ],
            heading="Tempat, jam, dan kontak",
        ),
        MultiFieldPanel(
            [FieldPanel("online_url"), FieldPanel("online_label")], heading="Layanan daring (tombol Mulai)"
        ),
        FieldPanel("complaints"),
        FieldPanel("life_events"),
        FieldPanel("keywords"),
        FieldPanel("reviewed_at"),
        FieldPanel("body"),
    ]
    search_fields = VillagePage.search_fields + [
        index.SearchField("requirements"),
        index.SearchField("steps"),
        index.SearchField("keywords"),
        index.SearchField("body"),
    ]
    parent_page_types = ["village.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "layanan"
        verbose_name_plural = "layanan"

    def get_context(self, request, *args, **kwargs):
        """Upper layers add what they know of the service (the portal's catalogue: link status,
        JSON-LD) through the `villageweb_service_page_context` hook: f(*, page, request) -> dict."""
        context = super().get_context(request, *args, **kwargs)
        for extra in hooks.get_hooks("villageweb_service_page_context"):
            context.update(extra(page=self, request=request))
        return context

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if in_public_schema():  # the portal is no provider: a service belongs to a provider's site
            errors["title"] = (
                "Layanan harus dimiliki penyelenggara: buat halaman ini di situs desa, kecamatan, atau OPD."
            )
        errors.update(self.channel_errors())
        if errors:
            raise ValidationError(errors)

    @property
    def requirement_list(self) -> list[str]:
        return text_lines(self.requirements)

    @property
    def step_list(self) -> list[str]:
        return text_lines(self.steps)

    @property
    def legal_basis_list(self) -> list[str]:
        return text_lines(self.legal_basis)

    @property
    def life_event_labels(self) -> list[str]:
        return [LIFE_EVENT_LABELS[event] for event in self.life_events if event in LIFE_EVENT_LABELS]

    @property
    def feedback_url(self) -> str:
        return f"/layanan-umpan-balik/{self.pk}/"
