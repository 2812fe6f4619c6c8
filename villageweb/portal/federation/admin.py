"""Portal-admin screens for Diskominfo (moderation, announcements) and the village's own notice.

The two tables are public-only: tenants/isolation.py closes their screens on every village host (the
gate middleware and PublicOnlyPermissionPolicy, registered in wagtail_hooks.py), so a village admin
never sees the regency's moderation lists, even as a superuser of their own schema.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView
from wagtail.snippets.views.snippets import SnippetViewSet

from villageweb.portal.federation.models import FederatedNewsItem, RegencyAnnouncement
from villageweb.portal.federation.queries import regency_districts
from villageweb.portal.federation.services import current_village, news_item_moderate


class NewsItemModerationView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        # The form has already copied its data onto self.object; the service compares with the stored row.
        item = FederatedNewsItem.objects.get(pk=self.object.pk)
        news_item_moderate(
            item=item,
            hidden=data["hidden"],
            hidden_reason=data["hidden_reason"],
            pinned=data["pinned"],
        )
        return item


class NewsItemViewSet(SnippetViewSet):
    model = FederatedNewsItem
    icon = "doc-full-inverse"
    menu_label = "Moderasi berita desa"
    menu_order = 210
    add_to_admin_menu = True
    # Words, not Wagtail's bare "False"/"True" for boolean fields.
    list_display = [
        "title",
        "village",
        "date",
        Column(
            "hidden",
            label="Di portal",
            accessor=lambda item: "Disembunyikan" if item.hidden else "Tampil",
            sort_key="hidden",
        ),
        Column(
            "pinned",
            label="Disematkan",
            accessor=lambda item: "Disematkan" if item.pinned else "—",
            sort_key="pinned",
        ),
    ]
    list_filter = ["hidden", "pinned", "village__district_name"]
    list_per_page = 50
    ordering = ["-date", "-id"]
    search_fields = ["title"]
    edit_view_class = NewsItemModerationView
    edit_handler = ObjectList([FieldPanel("hidden"), FieldPanel("hidden_reason"), FieldPanel("pinned")])

    def get_queryset(self, request):
        return FederatedNewsItem.objects.select_related("village").defer("search_vector")


class AnnouncementForm(WagtailAdminModelForm):
    """Target kecamatan picked from the regency's list rather than typed as codes."""

    district_codes = forms.MultipleChoiceField(
        label="Kecamatan tujuan",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kosongkan agar tampil di semua desa dan kelurahan.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district_codes"].choices = [(d.code, d.name) for d in regency_districts()]


class AnnouncementViewSet(SnippetViewSet):
    model = RegencyAnnouncement
    icon = "warning"
    menu_label = "Pengumuman Kabupaten"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "start_date", "end_date"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("body"),
            FieldPanel("start_date"),
            FieldPanel("end_date"),
            FieldPanel("district_codes"),
        ],
        base_form_class=AnnouncementForm,
    )


class HiddenNewsPanel(Component):
    """On a village's dashboard: its news Diskominfo hid from the portal, and why."""

    name = "federation_hidden_news"
    order = 150
    template_name = "federation/hidden_news_panel.html"

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": self.items}


def hidden_news_panel():
    village = current_village()
    if village is None:
        return None
    items = list(
        FederatedNewsItem.objects.filter(village=village, hidden=True)
        .only("title", "path", "hidden_reason", "hidden_at", "source_page_id")
        .order_by("-hidden_at")
    )
    return HiddenNewsPanel(items) if items else None
