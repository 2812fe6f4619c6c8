from django.db import models


class ReminderSent(models.Model):
    """One weekly reminder mailed to one user of one village: a retried job skips it."""

    village_code = models.CharField("kode desa", max_length=13)
    user_id = models.IntegerField("pengguna")
    week = models.CharField("pekan", max_length=8)  # ISO week, 2026-W49
    sent_at = models.DateTimeField("dikirim", auto_now_add=True)

    class Meta:
        verbose_name = "pengingat terkirim"
        verbose_name_plural = "pengingat terkirim"
        constraints = [
            models.UniqueConstraint(
                fields=["village_code", "user_id", "week"], name="jobs_reminder_once_a_week"
            )
        ]
