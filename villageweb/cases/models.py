"""Complaints and information requests (cases), their timeline and access log, and the holiday table.

Public schema only (app `cases` is in SHARED_APPS, not TENANT_APPS). A case belongs to one provider,
a tenant of any kind (desa, kelurahan, OPD, kecamatan, ...), through `provider`. Why the public schema
and not each provider's own: forwarding keeps the code while the case moves to another provider, the
portal's /lacak/ finds any code, and the regency's ranking counts every provider in one query. Provider
screens read and write only through `villageweb.cases.services`, which filters every query by the
current tenant (docs/cases.md).
"""

from django.db import models
from django.utils import timezone

from tenants.models import Village
from villageweb.cases.categories import CATEGORY_LABEL


class Holiday(models.Model):
    """A day government offices are closed: national holidays and cuti bersama (SKB 3 Menteri).

    Diskominfo keeps it current each year (`import_holidays`, or the portal admin)."""

    class Kind(models.TextChoices):
        HOLIDAY = "libur", "Libur nasional"
        JOINT_LEAVE = "cuti_bersama", "Cuti bersama"

    date = models.DateField("tanggal", unique=True)
    name = models.CharField("nama", max_length=200)
    kind = models.CharField("jenis", max_length=15, choices=Kind.choices, default=Kind.HOLIDAY)

    class Meta:
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class Case(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "pengaduan", "Pengaduan"
        INFORMATION = "informasi", "Permohonan informasi"

    class Status(models.TextChoices):
        RECEIVED = "diterima", "Diterima"
        IN_PROGRESS = "diproses", "Diproses"
        ANSWERED = "dijawab", "Dijawab"
        CLOSED = "selesai", "Selesai"

    code = models.CharField("kode lacak", max_length=20, unique=True)
    kind = models.CharField("jenis", max_length=10, choices=Kind.choices)
    provider = models.ForeignKey(
        Village, verbose_name="penyelenggara", on_delete=models.CASCADE, related_name="cases"
    )
    submitted_to = models.ForeignKey(
        Village,
        verbose_name="dikirim lewat",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField("kategori", max_length=40)
    subject = models.CharField("perihal", max_length=200)
    message = models.TextField("isi")
    # Information requests (PerKI 1/2018): how the citizen wants it and why.
    purpose = models.TextField("tujuan penggunaan informasi", blank=True)
    # Personal data: never shown publicly, erased after the retention period (services.personal_data_erase).
    name = models.CharField("nama", max_length=100, blank=True)
    phone = models.CharField("nomor HP", max_length=30, blank=True)
    email = models.EmailField("surel", blank=True)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True)

    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField("diterima")
    due_on = models.DateField("batas jawab")
    extended_at = models.DateTimeField(null=True, blank=True)
    extension_reason = models.TextField("alasan perpanjangan", blank=True)
    read_at = models.DateTimeField("dibaca", null=True, blank=True)
    # The username of an account of the provider's own site (users live in its schema, cases here).
    assignee = models.CharField("petugas", max_length=150, blank=True)
    answered_at = models.DateTimeField("dijawab", null=True, blank=True)
    closed_at = models.DateTimeField("selesai", null=True, blank=True)
    public_reply = models.TextField("jawaban untuk warga", blank=True)
    reply_link = models.URLField("tautan jawaban", max_length=500, blank=True)
    reply_file = models.FileField(
        "dokumen jawaban", upload_to="jawaban-informasi/", blank=True, max_length=300
    )
    objection = models.TextField("keberatan", blank=True)
    objection_at = models.DateTimeField(null=True, blank=True)
    # The objection goes to the office's head (PerKI 1/2018's atasan PPID, the Atasan PPID role in the
    # provider's site) with a deadline of its own (UU 14/2008 art. 36: 30 working days); the first
    # answer's deadline and date stay as they were, for the on-time record.
    objection_due_on = models.DateField("batas tanggapan keberatan", null=True, blank=True)
    objection_answered_at = models.DateTimeField("keberatan ditanggapi", null=True, blank=True)
    objection_reply = models.TextField("tanggapan atas keberatan", blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "pengaduan atau permohonan informasi"
        verbose_name_plural = "pengaduan dan permohonan informasi"
        indexes = [
            models.Index(fields=["provider", "status", "-received_at"], name="cases_provider_inbox"),
            models.Index(fields=["due_on"], name="cases_due"),
        ]

    def __str__(self):
        return self.code

    @property
    def category_label(self) -> str:
        return CATEGORY_LABEL.get(self.category, self.category)

    @property
    def objection_open(self) -> bool:
        return self.objection_at is not None and self.objection_answered_at is None

    @property
    def deadline(self):
        """The date the office must act by now: the objection's while one is open."""
        return self.objection_due_on if self.objection_open else self.due_on

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return timezone.localdate(self.answered_at) <= self.due_on


class CaseEvent(models.Model):
    """One step of a case's timeline; `public` ones are shown on /lacak/ (never personal data)."""

    class Kind(models.TextChoices):
        RECEIVED = "diterima", "Diterima"
        READ = "dibaca", "Dibaca"
        NOTE = "catatan", "Catatan internal"
        ASSIGNED = "ditugaskan", "Ditugaskan"
        REPLIED = "dijawab", "Dijawab"
        FORWARDED = "diteruskan", "Diteruskan"
        EXTENDED = "diperpanjang", "Diperpanjang"
        CLOSED = "selesai", "Selesai"
        OBJECTION = "keberatan", "Keberatan"
        OBJECTION_ANSWERED = "tanggapan", "Keberatan ditanggapi"
        REMINDED = "pengingat", "Pengingat"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    provider = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    public = models.BooleanField(default=False)
    text = models.TextField(blank=True)
    actor = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class NoticeAddress(models.Model):
    """An address a provider's new-case notices and reminders go to, once its owner confirmed it by
    the link mailed to it (issue 26 item 12: the contact form relayed mail to any typed recipient)."""

    provider = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="notice_addresses")
    email = models.EmailField("surel")
    added_by = models.CharField(max_length=150)
    added_at = models.DateTimeField(auto_now_add=True)
    verified_at = models.DateTimeField("dikonfirmasi", null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "email"], name="cases_one_notice_address")]
        ordering = ["email"]


class CaseAccess(models.Model):
    """Who opened or changed a case, when and from where (UU 27/2022: access to personal data is logged)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="accesses")
    provider = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="+")
    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=40)
    address = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
