"""The tenant model (one row per village, plus the portal and the template) and its domains."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django_tenants.models import DomainMixin, TenantMixin

VILLAGE_CODE_PATTERN = r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"
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
        return self.filter(kind__in=[Village.Kind.DESA, Village.Kind.KELURAHAN])


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
        return self.kind in (self.Kind.DESA, self.Kind.KELURAHAN)

    @property
    def display_name(self) -> str:
        if self.is_village:
            return f"{self.get_kind_display()} {self.name}"
        return self.name

    @property
    def primary_domain(self) -> str | None:
        domain = self.get_primary_domain()
        return domain.domain if domain else None

    @property
    def url(self) -> str | None:
        """The site's address as citizens type it, on its primary domain."""
        domain = self.primary_domain
        return site_url(domain) if domain else None

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


SUBDOMAIN_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class Domain(DomainMixin):
    class Meta:
        verbose_name = "domain"
        verbose_name_plural = "domain"

    def __str__(self):
        return self.domain
