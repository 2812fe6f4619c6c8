"""Account state kept beside Django's users, in whichever schema the user lives."""

from django.conf import settings
from django.db import models


class PasswordChangeRequired(models.Model):
    """A user whose password was issued by the platform and must be replaced at first log-in.

    The flag clears itself once the stored hash differs from the one issued.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_change_required"
    )
    issued_password_hash = models.CharField(max_length=256)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "wajib ganti kata sandi"
        verbose_name_plural = "wajib ganti kata sandi"


class SetupLink(models.Model):
    """A one-time link where a user sets their first password (bulk import issues no passwords).

    Only a SHA-256 of the token is stored: the link itself exists on the handover sheet alone.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="setup_links")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField("berlaku sampai")
    used_at = models.DateTimeField("dipakai", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tautan atur kata sandi"
        verbose_name_plural = "tautan atur kata sandi"


class ReminderPreference(models.Model):
    """Whether a user gets the weekly "your site is going quiet" e-mail (on unless they turn it off
    under Akun › Pengingat)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    weekly_reminder = models.BooleanField(
        "kirim pengingat mingguan",
        default=True,
        help_text="E-mail setiap pekan bila situs desa lama tidak memuat berita atau isian Kelengkapan Situs "
        "belum lengkap.",
    )

    class Meta:
        verbose_name = "pengaturan pengingat"
        verbose_name_plural = "pengaturan pengingat"
