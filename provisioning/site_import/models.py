"""What a village keeps of an import: which old item became which new object (in its own schema).

Rerunning an import finds its earlier objects here by the old site's own id and updates them instead of
adding copies. Only ids and kinds are kept: never a row of the old database.
"""

from django.db import models


class ImportedItem(models.Model):
    class Source(models.TextChoices):
        WORDPRESS = "wordpress", "WordPress"
        OPENSID = "opensid", "OpenSID"

    source = models.CharField("sumber", max_length=20, choices=Source.choices)
    kind = models.CharField("jenis", max_length=20)
    source_id = models.CharField("nomor di situs lama", max_length=64)
    object_id = models.BigIntegerField("nomor di VillageWeb")
    imported_at = models.DateTimeField("diimpor", auto_now=True)

    class Meta:
        verbose_name = "butir impor"
        verbose_name_plural = "butir impor"
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "source_id"], name="site_import_item_unique")
        ]

    def __str__(self):
        return f"{self.source} {self.kind} {self.source_id} -> {self.object_id}"
