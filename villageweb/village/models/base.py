"""The shared pieces of village pages: editor guidance, the base page class, image fields."""

from django.db import models
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.models import Page
from wagtail.search import index

from villageweb.schemas import VillagePageMixin

IMAGE = "wagtailimages.Image"
DOCUMENT = "wagtaildocs.Document"


class GuidancePanel(Panel):
    """The one way to tell an editor how to fill a page, at the top of its editor.

    Shows the page's own `guidance` (written per page by the page tree a new village starts with,
    villageweb.village.tree) or else `text`, what the page type's app says about every page of that
    type. Plain text; a blank line starts a new paragraph.
    """

    def __init__(self, text: str = "", **kwargs):
        kwargs.setdefault("heading", "Petunjuk")
        super().__init__(**kwargs)
        self.text = text

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "text": self.text}

    class BoundPanel(Panel.BoundPanel):
        template_name = "village/panels/guidance_panel.html"

        def _guidance(self) -> str:
            return getattr(self.instance, "guidance", "") or self.panel.text

        def is_shown(self):
            return bool(self._guidance())

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["guidance"] = self._guidance()
            return context


class GuidedContent(models.Model):
    guidance = models.TextField("petunjuk pengisian", blank=True, editable=False)
    intro = models.TextField(
        "pengantar",
        blank=True,
        help_text="Satu atau dua kalimat di bawah judul; juga dipakai sebagai deskripsi di mesin pencari.",
    )

    class Meta:
        abstract = True

    @property
    def summary(self) -> str:
        return self.intro


class VillagePage(VillagePageMixin, GuidedContent, Page):
    """Base of the village's content pages."""

    content_panels = [GuidancePanel(heading="Petunjuk")] + Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True


def image_field(verbose_name: str, help_text: str = ""):
    return models.ForeignKey(
        IMAGE,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )
