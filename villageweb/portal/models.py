"""The regency portal's own pages (public schema)."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from villageweb.schemas import PortalPageMixin


class PortalHomePage(PortalPageMixin, Page):
    intro = RichTextField("pengantar", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "beranda portal"
        verbose_name_plural = "beranda portal"

    def get_context(self, request, *args, **kwargs):
        from tenants.models import Village

        context = super().get_context(request, *args, **kwargs)
        context["villages"] = (
            Village.objects.villages()
            .filter(status=Village.Status.ACTIVE)
            .prefetch_related("domains")
            .order_by("district_name", "name")
        )
        return context
