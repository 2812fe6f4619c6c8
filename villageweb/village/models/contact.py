"""Kontak & Pengaduan: the contact details page with the complaint form."""

from django.db import connection, models
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from themes.models import VillageBranding
from villageweb.cases.views import case_filing_handle, case_received_response
from villageweb.schemas import VillagePageMixin
from villageweb.village.models.base import GuidancePanel, GuidedContent


class ContactDetailsPanel(Panel):
    """Where the contact page's office details are edited: the site's identity settings."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "village/panels/contact_details_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            site = Site.objects.filter(is_default_site=True).first()
            context["contact"] = VillageBranding.for_site(site) if site else None
            return context


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(VillagePageMixin, GuidedContent, AbstractEmailForm):
    """The complaint and information-request form, under the office's contact details.

    The form is the platform's own (`villageweb.cases.forms.CaseForm`), not a form builder's: every
    message becomes a case with a tracking code in the case store (villageweb/cases, docs/cases.md),
    answered from the admin's Pengaduan inbox within a deadline. Notices go only to the village's own
    user accounts' addresses; the old form-builder fields and recipients (`form_fields`,
    `to_address`, `subject`) stay in the table for old submissions but are no longer edited or used.

    The details themselves (address, telephone, WhatsApp, e-mail, office hours) have one home, the
    site's `VillageBranding`, which also prints them in every page's footer.
    """

    thank_you_text = RichTextField("pesan terima kasih", blank=True, features=["bold", "italic", "link"])

    content_panels = [
        GuidancePanel(heading="Petunjuk"),
        *Page.content_panels,
        FieldPanel("intro"),
        ContactDetailsPanel(heading="Kontak kantor desa"),
        FieldPanel("thank_you_text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "kontak dan pengaduan"
        verbose_name_plural = "kontak dan pengaduan"

    def serve(self, request, *args, **kwargs):
        filing = case_filing_handle(request, provider=connection.tenant)
        if filing.case is not None:
            return case_received_response(request, filing.case, {"page": self, "self": self})
        context = self.get_context(request)
        context.update(form=filing.form, rejection=filing.refusal, action=self.url)
        response = TemplateResponse(request, self.get_template(request), context, status=filing.status)
        if request.method == "POST":
            response["Cache-Control"] = "private, no-store"
        return response
