"""What a village keeps about Diskominfo's support log-ins, in its own schema, for its own admins."""

from django.db import models


class SupportAccessLog(models.Model):
    staff_username = models.CharField("petugas Diskominfo", max_length=150)
    started_at = models.DateTimeField("masuk")
    expires_at = models.DateTimeField("berakhir")
    grant_id = models.UUIDField("nomor izin", unique=True)

    class Meta:
        verbose_name = "akses dukungan Diskominfo"
        verbose_name_plural = "akses dukungan Diskominfo"
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.staff_username} {self.started_at:%Y-%m-%d %H:%M}"
