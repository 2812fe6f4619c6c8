"""Kontak & Pengaduan: the contact details page with the complaint form."""

from django import forms
from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from themes.models import VillageBranding
from villageweb.schemas import VillagePageMixin
from villageweb.village.contact import contact_submission_rejection
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
    """The complaint form, under the office's contact details; submissions stay in this village's schema.

    The details themselves (address, telephone, WhatsApp, e-mail, office hours) have one home, the
    site's `VillageBranding`, which also prints them in every page's footer: an official changes the
    number once. Spam protection (honeypot and rate limit) lives in `villageweb.village.contact`.
    """

    thank_you_text = RichTextField("pesan terima kasih", blank=True, features=["bold", "italic", "link"])

    content_panels = (
        [GuidancePanel(heading="Petunjuk")]
        + AbstractEmailForm.content_panels
        + [
            FormSubmissionsPanel(),
            FieldPanel("intro"),
            ContactDetailsPanel(heading="Kontak kantor desa"),
            InlinePanel("form_fields", heading="Isian formulir", label="isian"),
            FieldPanel("thank_you_text"),
            MultiFieldPanel(
                [
                    FieldPanel("to_address"),
                    # No "from" field: the mail always leaves from the platform's own address
                    # (send_mail below); a village cannot make it look sent by someone else.
                    FieldPanel("subject"),
                ],
                heading="Pemberitahuan surel (opsional)",
            ),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "kontak dan pengaduan"
        verbose_name_plural = "kontak dan pengaduan"

    def send_mail(self, form):
        """From the platform's address (VILLAGEWEB_CONTACT_FROM_EMAIL), whatever `from_address` holds;
        Reply-To is the citizen's own e-mail when they gave one, so the office simply answers."""
        citizen = [
            form.cleaned_data[name]
            for name, field in form.fields.items()
            if isinstance(field, forms.EmailField) and form.cleaned_data.get(name)
        ]
        send_mail(
            self.subject,
            self.render_email(form),
            [address.strip() for address in self.to_address.split(",") if address.strip()],
            settings.VILLAGEWEB_CONTACT_FROM_EMAIL,
            reply_to=citizen[:1] or None,
        )

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            rejection = contact_submission_rejection(request)
            if rejection is not None:
                status, message = rejection
                context = self.get_context(request)
                context["form"] = self.get_form(request.POST, page=self, user=request.user)
                context["rejection"] = message
                return TemplateResponse(request, self.get_template(request), context, status=status)
        response = super().serve(request, *args, **kwargs)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if request.method == "POST" and form is not None and form.errors:
            response.status_code = 400
        return response
