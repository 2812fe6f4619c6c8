"""The federated news index and the regency's announcements. Public schema only.

A snapshot never refers to a village's page, image or document ids as objects: it carries text
(already stripped of HTML) and paths that are joined with the village's primary domain at query
time, so a renamed subdomain moves every link at once and the portal never resolves a village id
against its own tables.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from tenants.models import Village

SEARCH_CONFIG = "indonesian"


class FederatedNewsItem(models.Model):
    village = models.ForeignKey(
        Village, verbose_name="desa", on_delete=models.CASCADE, related_name="federated_news"
    )
    source_page_id = models.PositiveIntegerField("ID halaman di situs desa")
    title = models.CharField("judul", max_length=255)
    summary = models.TextField("ringkasan", blank=True)
    path = models.CharField("alamat di situs desa", max_length=2000)
    date = models.DateField("tanggal")
    first_published_at = models.DateTimeField("pertama terbit")
    last_published_at = models.DateTimeField("terakhir terbit")
    categories = ArrayField(
        models.CharField(max_length=255), verbose_name="kategori", default=list, blank=True
    )
    thumbnail_path = models.CharField("gambar kecil", max_length=2000, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    hidden = models.BooleanField("disembunyikan dari portal", default=False)
    hidden_reason = models.TextField("alasan disembunyikan", blank=True)
    hidden_at = models.DateTimeField("disembunyikan pada", null=True, blank=True, editable=False)
    pinned = models.BooleanField("disematkan di atas", default=False)

    class Meta:
        verbose_name = "berita desa di portal"
        verbose_name_plural = "berita desa di portal"
        constraints = [
            models.UniqueConstraint(
                fields=["village", "source_page_id"], name="federation_one_item_per_page"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="federation_news_search"),
            models.Index(
                fields=["-pinned", "-date", "-first_published_at", "-id"], name="federation_news_newest"
            ),
            models.Index(fields=["village", "-date"], name="federation_news_village_date"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.hidden and not self.hidden_reason.strip():
            raise ValidationError(
                {"hidden_reason": "Tuliskan alasan berita disembunyikan; desa akan membacanya."}
            )


class RegencyAnnouncement(models.Model):
    """'Pengumuman Kabupaten': written once on the portal, read by every village site from here."""

    title = models.CharField("judul", max_length=200)
    body = RichTextField("isi", features=["bold", "italic", "ol", "ul", "link"])
    start_date = models.DateField("mulai tampil")
    end_date = models.DateField("tampil sampai", help_text="Pengumuman tampil sampai akhir hari ini.")
    district_codes = ArrayField(
        models.CharField(max_length=8),
        verbose_name="kecamatan tujuan",
        default=list,
        blank=True,
        help_text="Kosongkan agar tampil di semua desa dan kelurahan.",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("district_codes"),
    ]

    class Meta:
        verbose_name = "pengumuman kabupaten"
        verbose_name_plural = "pengumuman kabupaten"
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["end_date", "start_date"], name="federation_announcement_dates")]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "Tanggal akhir tidak boleh sebelum tanggal mulai."
        if "linktype=" in (self.body or ""):
            # Internal links and embeds name ids of the portal's pages/documents; on a village site
            # they would resolve against that village's own objects.
            errors["body"] = (
                "Gunakan tautan ke alamat web lengkap (https://...), bukan halaman atau dokumen internal."
            )
        if errors:
            raise ValidationError(errors)


class VillageActivity(models.Model):
    """Each village's last edit, last publication and page count, kept by the page signals
    (signals.py) so the health dashboard reads one table instead of a statement over every schema."""

    village = models.OneToOneField(
        Village, verbose_name="desa", on_delete=models.CASCADE, related_name="activity"
    )
    last_edit = models.DateTimeField("suntingan terakhir", null=True)
    last_publish = models.DateTimeField("terbit terakhir", null=True)
    pages = models.PositiveIntegerField("halaman", default=0)
    measured_at = models.DateTimeField("diukur pada")

    class Meta:
        verbose_name = "aktivitas situs desa"
        verbose_name_plural = "aktivitas situs desa"


class VillageCompleteness(models.Model):
    """Each village's Kelengkapan Situs score as the daily upkeep job last measured it, so the
    portal's directory shows every score with one query instead of one per village schema."""

    village = models.OneToOneField(
        Village, verbose_name="desa", on_delete=models.CASCADE, related_name="completeness"
    )
    score = models.PositiveSmallIntegerField("skor kelengkapan")
    measured_at = models.DateTimeField("diukur pada")

    class Meta:
        verbose_name = "kelengkapan situs desa"
        verbose_name_plural = "kelengkapan situs desa"
