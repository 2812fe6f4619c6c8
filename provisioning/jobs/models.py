import uuid

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


class OperatorJob(models.Model):
    """A heavy Diskominfo action run by the job worker instead of inside a web request: a bulk import
    from an uploaded Kemendagri list, the export of one village, or the schema update of every
    village (migrate_villages). Its page in the portal admin
    shows `done` of `total` while it runs and offers its file when it is finished.

    `result` keeps what a rerun must not lose: for an import, every village created so far with its
    one-time setup link (the handover sheets are written from it), so a worker killed mid-run leaves
    a job the next run finishes without creating or listing any village twice. For a schema update,
    the schemas pending when it was started, and each one migrated or failed (with its error) so far.
    """

    class Kind(models.TextChoices):
        IMPORT = "import", "Impor daftar desa"
        EXPORT = "export", "Ekspor desa"
        MIGRATE = "migrate", "Perbarui skema semua desa"
        SITE_IMPORT = "situs", "Impor situs lama desa"

    class Status(models.TextChoices):
        QUEUED = "queued", "Menunggu giliran"
        RUNNING = "running", "Berjalan"
        DONE = "done", "Selesai"
        FAILED = "failed", "Gagal"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("jenis", max_length=10, choices=Kind.choices)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.QUEUED)
    village_code = models.CharField("kode desa", max_length=13, blank=True)
    created_by = models.CharField("dimulai oleh", max_length=150)
    # Where the starter was, for the audit entry the job's service writes when it runs.
    created_from = models.GenericIPAddressField("dimulai dari alamat", null=True, blank=True)
    created_at = models.DateTimeField("dimulai", auto_now_add=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    done = models.PositiveIntegerField("selesai dikerjakan", default=0)
    total = models.PositiveIntegerField("jumlah", default=0)
    input_path = models.CharField("berkas masukan", max_length=500, blank=True)
    output_path = models.CharField("berkas hasil", max_length=500, blank=True)
    result = models.JSONField("hasil", default=dict, blank=True)
    message = models.CharField("pesan", max_length=500, blank=True)

    class Meta:
        verbose_name = "pekerjaan operator"
        verbose_name_plural = "pekerjaan operator"
        ordering = ["-created_at"]
        constraints = [
            # Two schema updates at once would race on the same schemas: the admin refuses a second.
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(kind="migrate", status__in=["queued", "running"]),
                name="jobs_one_schema_update_at_a_time",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
