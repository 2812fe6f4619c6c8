"""Beranda: the village's home page."""

from django.conf import settings
from django.db import models
from django.http import Http404
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from themes.models import VillageBranding
from villageweb.freshness.site_cache import cached_for_site
from villageweb.schemas import VillagePageMixin
from villageweb.village.listing import pages_public
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

    def structured_data(self, request) -> dict:
        """schema.org GovernmentOrganization: the village government, its office and contacts."""
        village = getattr(request, "tenant", None)
        data = {
            "@type": "GovernmentOrganization",
            "name": f"Pemerintah {village.display_name}" if village else self.title,
            "url": request.build_absolute_uri("/"),
            "parentOrganization": {
                "@type": "GovernmentOrganization",
                "name": f"Pemerintah {settings.VILLAGEWEB_REGENCY_NAME}",
            },
        }
        branding = VillageBranding.for_request(request)
        if branding.address:
            data["address"] = {"@type": "PostalAddress", "streetAddress": " ".join(branding.address.split())}
        if branding.phone:
            data["telephone"] = branding.phone
        if branding.email:
            data["email"] = branding.email
        return data

    def route(self, request, path_components):
        """Wagtail's routing, with the top-level page (four queries with its view restrictions) kept in
        the village's site cache (villageweb.freshness.site_cache): every page of the site is routed through
        here, and any page change renews the cache. A slug no page has is not kept."""
        if not path_components:
            return super().route(request, path_components)

        def child():
            found = self.get_children().filter(slug=path_components[0]).first()
            if found is None:
                return None
            return found.specific, list(found.get_view_restrictions())

        cached = cached_for_site(request, f"child:{self.pk}:{path_components[0]}", child)
        if cached is None:
            raise Http404
        subpage, restrictions = cached
        subpage._cached_parent_obj = self
        subpage.frame_view_restrictions = restrictions
        return subpage.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def links():
            """Up to 8 services (title, address): the site's own pages, then on a village's site the
            regency's services it gives (hook villageweb_regency_services)."""
            own = pages_public(ServicePage.objects).descendant_of(self).order_by("path")[:8]
            services = [(page.title, page.get_url(request)) for page in own]
            for lister in hooks.get_hooks("villageweb_regency_services"):
                services += [(s.title, s.path) for s in lister(index=None, request=request) if s.listed]
            return services[:8], pages_public(ContactPage.objects).descendant_of(self).first()

        if self.pk is None:  # a preview of a page not saved yet
            context["services"], context["contact_page"] = links()
        else:
            context["services"], context["contact_page"] = cached_for_site(
                request, f"home-links:{self.pk}", links, page_only=True
            )
        return context
