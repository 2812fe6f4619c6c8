"""Checking a new village's input before anything is written."""

from django.conf import settings
from django_tenants.utils import schema_exists

from provisioning import subdomains
from tenants.models import Domain, Village, schema_name_for_code, validate_village_code


class ProvisioningError(Exception):
    """Input that cannot become a village. The message is for the operator, in Indonesian."""


def village_input_validate(
    *, code: str, name: str, district_name: str, kind: str, subdomain: str | None
) -> str:
    """Check everything before anything is written; return the subdomain to use."""
    try:
        validate_village_code(code)
    except Exception as error:
        raise ProvisioningError(f"Kode desa '{code}' tidak valid: {error.messages[0]}") from error
    regency = settings.VILLAGEWEB_REGENCY_CODE
    if regency and not code.startswith(regency + "."):
        raise ProvisioningError(
            f"Kode desa '{code}' bukan wilayah {settings.VILLAGEWEB_REGENCY_NAME} ({regency})."
        )
    if not name.strip():
        raise ProvisioningError("Nama desa tidak boleh kosong.")
    if not district_name.strip():
        raise ProvisioningError("Nama kecamatan tidak boleh kosong.")
    if kind not in Village.VILLAGE_KINDS:
        raise ProvisioningError(f"Jenis '{kind}' tidak dikenal: pilih 'desa' atau 'kelurahan'.")
    if Village.objects.filter(code=code).exists():
        raise ProvisioningError(f"Desa dengan kode {code} sudah ada.")
    if schema_exists(schema_name_for_code(code)):
        raise ProvisioningError(f"Skema untuk kode {code} sudah ada di basis data.")
    base = settings.VILLAGEWEB_BASE_DOMAIN
    if subdomain is not None:
        problem = subdomains.subdomain_problem(subdomain)
        if problem:
            raise ProvisioningError(problem)
        if Domain.objects.filter(domain=f"{subdomain}.{base}").exists():
            raise ProvisioningError(f"Subdomain '{subdomain}' sudah dipakai desa lain.")
        return subdomain
    for candidate in (
        subdomains.subdomain_from_name(name),
        subdomains.subdomain_with_district(name, district_name),
    ):
        if (
            subdomains.subdomain_problem(candidate) is None
            and not Domain.objects.filter(domain=f"{candidate}.{base}").exists()
        ):
            return candidate
    raise ProvisioningError(
        f"Tidak dapat menurunkan subdomain yang bebas dari nama '{name}': gunakan --subdomain."
    )
