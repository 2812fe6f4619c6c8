"""The tenant model (one row per village, plus the portal and the template) and its domains."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django_tenants.models import DomainMixin, TenantMixin

# Kemendagri codes, the one definition: PP.KK (province, regency) . CC (district) . DDDD (village).
VILLAGE_CODE_PATTERN = r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"
DISTRICT_CODE_PATTERN = r"^\d{2}\.\d{2}\.\d{2}$"  # a village code's first three parts
validate_village_code = RegexValidator(
    VILLAGE_CODE_PATTERN,
    "Kode desa harus berformat Kemendagri PP.KK.CC.DDDD, misalnya 35.23.01.2001.",
)


def schema_name_for_code(code: str) -> str:
    """`35.23.01.2001` -> `village_3523012001`: stable across renames, since it never uses the name."""
    return "village_" + code.replace(".", "")


class VillageQuerySet(models.QuerySet):
    def villages(self):
        """Only real villages: not the regency portal, not the template schema."""
        return self.filter(kind__in=Village.VILLAGE_KINDS)


class Village(TenantMixin):
    class Kind(models.TextChoices):
        DESA = "desa", "Desa"
        KELURAHAN = "kelurahan", "Kelurahan"
        PORTAL = "portal", "Portal kabupaten"
        TEMPLATE = "template", "Templat"

    class Status(models.TextChoices):
        ACTIVE = "active", "Aktif"
        SUSPENDED = "suspended", "Dinonaktifkan sementara"
        ARCHIVED = "archived", "Diarsipkan"

    VILLAGE_KINDS = (Kind.DESA, Kind.KELURAHAN)  # real villages; the others are platform tenants

    code = models.CharField(
        "kode Kemendagri",
        max_length=13,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_village_code],
    )
    name = models.CharField("nama", max_length=100)
    kind = models.CharField("jenis", max_length=10, choices=Kind.choices, default=Kind.DESA)
    district_code = models.CharField("kode kecamatan", max_length=8, blank=True)
    district_name = models.CharField("kecamatan", max_length=100, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    # Empty: the platform's default (VILLAGEWEB_STORAGE_QUOTA_MB); Diskominfo raises it per village.
    storage_quota_mb = models.PositiveIntegerField(
        "kuota penyimpanan (MB)",
        null=True,
        blank=True,
        help_text="Kosongkan untuk memakai kuota bawaan platform.",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    auto_create_schema = True
    auto_drop_schema = False

    objects = VillageQuerySet.as_manager()

    class Meta:
        verbose_name = "desa"
        verbose_name_plural = "desa"
        ordering = ["code"]

    def __str__(self):
        return self.display_name

    @property
    def is_village(self) -> bool:
        return self.kind in self.VILLAGE_KINDS

    @property
    def display_name(self) -> str:
        return self.display_name_of(self.kind, self.name)

    @classmethod
    def display_name_of(cls, kind: str, name: str) -> str:
        """'Desa Jlodro', 'Kelurahan Kutorejo'; other tenants by their name alone."""
        if kind in cls.VILLAGE_KINDS:
            return f"{cls.Kind(kind).label} {name}"
        return name

    @property
    def storage_quota_megabytes(self) -> int:
        return self.storage_quota_mb or settings.VILLAGEWEB_STORAGE_QUOTA_MB

    @property
    def primary_domain(self) -> str | None:
        domain = self.get_primary_domain()
        return domain.domain if domain else None

    @property
    def url(self) -> str | None:
        """The site's address as citizens type it, on its primary domain."""
        domain = self.primary_domain
        return site_url(domain) if domain else None

    def create_schema(self, check_if_exists=False, sync_schema=True, verbosity=1):
        created = super().create_schema(
            check_if_exists=check_if_exists, sync_schema=sync_schema, verbosity=verbosity
        )
        base_schema = self.get_base_schema()
        if sync_schema and base_schema and base_schema != self.schema_name:
            constraint_names_copy(source=base_schema, target=self.schema_name)
        return created

    def clean(self):
        super().clean()
        if self.is_village:
            if not self.code:
                raise ValidationError({"code": "Kode desa wajib diisi."})
            if not self.district_code or not self.code.startswith(self.district_code + "."):
                self.district_code = self.code.rsplit(".", 1)[0]


def site_url(host: str) -> str:
    """Absolute base URL of a host, written with the configured scheme and public port."""
    scheme = settings.VILLAGEWEB_URL_SCHEME
    port = settings.VILLAGEWEB_URL_PORT
    default_port = {"http": 80, "https": 443}[scheme]
    suffix = "" if port == default_port else f":{port}"
    return f"{scheme}://{host}{suffix}"


def constraint_names_copy(*, source: str, target: str) -> None:
    """Give the target schema's constraints the names they have in the source schema.

    django-tenants' clone recreates unique constraints under PostgreSQL's default names
    (`..._key`) instead of Django's (`..._uniq`), so a cloned schema would differ from a migrated
    one. Constraints are matched by table and definition.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.relname, tc.conname, sc.conname
            FROM pg_constraint tc
            JOIN pg_class t ON t.oid = tc.conrelid
            JOIN pg_namespace tn ON tn.oid = t.relnamespace AND tn.nspname = %(target)s
            JOIN pg_class s ON s.relname = t.relname
            JOIN pg_namespace sn ON sn.oid = s.relnamespace AND sn.nspname = %(source)s
            JOIN pg_constraint sc ON sc.conrelid = s.oid AND sc.contype = tc.contype
                 AND pg_get_constraintdef(sc.oid) = pg_get_constraintdef(tc.oid)
            WHERE tc.conname <> sc.conname
              AND NOT EXISTS (SELECT 1 FROM pg_constraint o WHERE o.conrelid = tc.conrelid
                              AND o.conname = sc.conname)
            """,
            {"source": source, "target": target},
        )
        for table, current, wanted in cursor.fetchall():
            cursor.execute(f'ALTER TABLE "{target}"."{table}" RENAME CONSTRAINT "{current}" TO "{wanted}"')


SUBDOMAIN_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class Domain(DomainMixin):
    class Meta:
        verbose_name = "domain"
        verbose_name_plural = "domain"

    def __str__(self):
        return self.domain


class ContentVersion(models.Model):
    """What a village's pages show, as a number: the key of the parts its pages share between
    publishes (menu, branding, home sections: villageweb.freshness.site_cache). One row per village schema,
    and one for the public schema's rows every village shows (`PLATFORM`: regency announcements,
    the regency theme).

    Raised by villageweb.freshness (versions.py, from frontcache.py's receivers and the portal's
    triggers) inside the transaction of the change it counts, so the new number and the new
    content commit together; drawn from one sequence, so a number is never handed out
    twice (not after a rollback, nor to a new village reusing an old schema name).
    """

    PLATFORM = "*"

    scope = models.CharField("cakupan", max_length=63, primary_key=True)
    number = models.BigIntegerField("versi")

    class Meta:
        verbose_name = "versi isi"
        verbose_name_plural = "versi isi"

    def __str__(self):
        return f"{self.scope}: {self.number}"
