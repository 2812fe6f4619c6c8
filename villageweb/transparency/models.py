"""What each provider's mandatory disclosures looked like when last measured. Public schema only: the
portal's ranking reads every provider with one query instead of one per schema (as VillageCompleteness)."""

from django.db import models

from tenants.models import Village


class DisclosureSnapshot(models.Model):
    provider = models.OneToOneField(
        Village, verbose_name="penyelenggara", on_delete=models.CASCADE, related_name="disclosures"
    )
    # [{"key", "label", "state", "date" (ISO or null), "path"}], see transparency.disclosures
    items = models.JSONField(default=list)
    score = models.PositiveSmallIntegerField("skor keterbukaan")
    measured_at = models.DateTimeField("diukur pada")

    class Meta:
        verbose_name = "keterbukaan informasi"
        verbose_name_plural = "keterbukaan informasi"
