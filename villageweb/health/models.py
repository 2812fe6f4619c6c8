"""Each village's activity and Kelengkapan score, kept on every publish (villageweb/publishing) and
daily (provisioning/jobs). The tables keep the names they had in the federation app, where the
models lived until health got a home of its own (migration health 0001)."""

from django.db import models

from tenants.models import Village


class VillageActivity(models.Model):
    """Each village's last edit, last publication and page count, kept by the page signals
    (villageweb/publishing) so the health dashboard reads one table instead of a statement over every
    schema."""

    village = models.OneToOneField(
        Village, verbose_name="desa", on_delete=models.CASCADE, related_name="activity"
    )
    last_edit = models.DateTimeField("suntingan terakhir", null=True)
    last_publish = models.DateTimeField("terbit terakhir", null=True)
    pages = models.PositiveIntegerField("halaman", default=0)
    measured_at = models.DateTimeField("diukur pada")

    class Meta:
        db_table = "federation_villageactivity"
        verbose_name = "aktivitas situs desa"
        verbose_name_plural = "aktivitas situs desa"


class VillageCompleteness(models.Model):
    """Each village's Kelengkapan Situs score as last measured (on publish, branding save and daily),
    so the portal's directory shows every score with one query instead of one per village schema."""

    village = models.OneToOneField(
        Village, verbose_name="desa", on_delete=models.CASCADE, related_name="completeness"
    )
    score = models.PositiveSmallIntegerField("skor kelengkapan")
    measured_at = models.DateTimeField("diukur pada")

    class Meta:
        db_table = "federation_villagecompleteness"
        verbose_name = "kelengkapan situs desa"
        verbose_name_plural = "kelengkapan situs desa"
