"""Platform records kept in the public schema: village exports, support log-in grants, the operator
audit log and the template dump new villages are made from."""

import uuid

from django.db import models


class VillageExport(models.Model):
    """One archive written by `export_village`; purging a village needs a recent one.

    Keyed by code, not by a foreign key, so the record outlives the purged village it proves.
    """

    code = models.CharField("kode desa", max_length=13, db_index=True)
    schema_name = models.CharField("skema", max_length=63)
    path = models.CharField("berkas", max_length=500)
    sha256 = models.CharField("checksum SHA-256", max_length=64)
    size_bytes = models.BigIntegerField("ukuran (byte)")
    created_at = models.DateTimeField("dibuat", db_index=True)
    created_by = models.CharField("dibuat oleh", max_length=150, blank=True)

    class Meta:
        verbose_name = "ekspor desa"
        verbose_name_plural = "ekspor desa"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.code} {self.created_at:%Y-%m-%d %H:%M}"


class SupportGrant(models.Model):
    """A signed, single-use support log-in issued to a Diskominfo staff member for one village."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    village_code = models.CharField("kode desa", max_length=13, db_index=True)
    staff_username = models.CharField("petugas Diskominfo", max_length=150)
    created_at = models.DateTimeField("diterbitkan", auto_now_add=True)
    expires_at = models.DateTimeField("berlaku sampai")
    used_at = models.DateTimeField("dipakai", null=True, blank=True)

    class Meta:
        verbose_name = "izin akses dukungan"
        verbose_name_plural = "izin akses dukungan"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.staff_username} -> {self.village_code}"


class AuditEntry(models.Model):
    """One operator action on a village, for Diskominfo and for the village's own admins to read.

    Append-only: a trigger (migration 0003) refuses UPDATE and DELETE on the table, and no admin view
    edits it. Kept in the public schema and keyed by code like VillageExport, so the record of what
    was done to a village outlives the village; a village host reads its own rows through
    `audit_entries_for_village` (provisioning.audit), never through the ORM's search path.
    """

    class Action(models.TextChoices):
        PASSWORD_RESET = "password-reset", "Kata sandi sekali pakai diterbitkan"
        SETUP_LINK = "setup-link", "Tautan pengaturan kata sandi diterbitkan"
        EXPORT = "export", "Ekspor"
        DOWNLOAD = "download", "Unduh ekspor"
        SUPPORT_LOGIN = "support-login", "Masuk admin desa (dukungan)"
        SUSPEND = "suspend", "Nonaktifkan sementara"
        RESUME = "resume", "Aktifkan kembali"
        ARCHIVE = "archive", "Arsipkan"
        RENAME = "rename", "Ganti subdomain"
        DOMAIN_ADD = "domain-add", "Tambah domain"
        PURGE = "purge", "Hapus permanen"
        RESTORE = "restore", "Pulihkan dari arsip"
        MIGRATE = "migrate", "Perbarui skema"
        STORAGE_QUOTA = "storage-quota", "Ubah kuota penyimpanan"
        LOGIN_UNLOCK = "login-unlock", "Buka kunci log-in"
        PROVISION = "provision", "Situs desa dibuat"

    village_code = models.CharField("kode desa", max_length=13, db_index=True)
    action = models.CharField("tindakan", max_length=20, choices=Action.choices)
    actor = models.CharField("oleh", max_length=150)
    client_address = models.GenericIPAddressField("alamat", null=True, blank=True)
    detail = models.CharField("keterangan", max_length=500, blank=True)
    # Why the operator did it, asked on the confirmation page of every destructive action.
    reason = models.CharField("alasan", max_length=500, blank=True)
    created_at = models.DateTimeField("waktu", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "log tindakan operator"
        verbose_name_plural = "log tindakan operator"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.village_code} {self.action} {self.actor}"


class TemplateDump(models.Model):
    """The template schema as pg_dump wrote it, for one migration state of the template.

    pg_dump reads the catalogue of every schema before it filters, so its time grows with the whole
    database (14 s to minutes at 2,000 villages, docs/scaling.md). Kept here, the dump is taken once
    per template state for the whole platform instead of once per process (each import worker, web
    worker or job worker that provisions a village); provisioning.schema_clone reads and writes it.
    """

    template_schema = models.CharField("skema templat", max_length=63)
    state = models.CharField("keadaan migrasi", max_length=16)
    dump = models.TextField("isi pg_dump")
    taken_at = models.DateTimeField("diambil", auto_now_add=True)

    class Meta:
        verbose_name = "salinan templat"
        verbose_name_plural = "salinan templat"
        constraints = [
            models.UniqueConstraint(fields=["template_schema", "state"], name="template_dump_one_per_state")
        ]

    def __str__(self):
        return f"{self.template_schema} {self.state}"


class LoginLockout(models.Model):
    """A log-in lock django-axes set in a village (or the portal), copied here when it happens so that
    Diskominfo's health page lists every locked account from one public table, without visiting each
    village's schema. The lock itself lives in the village's axes tables; this row only reports it."""

    village = models.ForeignKey("tenants.Village", verbose_name="situs", on_delete=models.CASCADE)
    username = models.CharField("nama pengguna", max_length=255)
    ip_address = models.GenericIPAddressField("alamat", null=True, blank=True)
    locked_at = models.DateTimeField("terkunci sejak")
    last_attempt_at = models.DateTimeField("percobaan terakhir", db_index=True)

    class Meta:
        verbose_name = "akun terkunci"
        verbose_name_plural = "akun terkunci"
        constraints = [
            models.UniqueConstraint(
                fields=["village", "username", "ip_address"],
                name="provisioning_loginlockout_unique",
                nulls_distinct=False,
            )
        ]
