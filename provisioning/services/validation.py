"""Checking a new village's input before anything is written."""

from django.conf import settings
from django_tenants.utils import schema_exists

from provisioning import subdomains
from tenants.models import (
    Domain,
    Village,
    schema_name_for_code,
    validate_district_code,
    validate_opd_code,
    validate_village_code,
)

_KIND_NAMES = {
    Village.Kind.DESA: "desa",
    Village.Kind.KELURAHAN: "desa",
    Village.Kind.OPD: "OPD",
    Village.Kind.KECAMATAN: "kecamatan",
}


class ProvisioningError(Exception):
    """Input that cannot become a village. The message is for the operator, in Indonesian."""


def village_input_validate(
    *, code: str, name: str, district_name: str, kind: str, subdomain: str | None
) -> str:
    """Check everything before anything is written; return the subdomain to use.

    Desa and kelurahan have a Kemendagri village code and a kecamatan; a kecamatan's site has its
    Kemendagri code PP.KK.CC (its name is the kecamatan's); an OPD has the code `OPD.SINGKATAN`
    (tenants.models.OPD_CODE_PATTERN) and no kecamatan."""
    if kind not in Village.SITE_KINDS:
        raise ProvisioningError(
            f"Jenis '{kind}' tidak dikenal: pilih 'desa', 'kelurahan', 'kecamatan' atau 'opd'."
        )
    noun = _KIND_NAMES[kind]
    validator = {Village.Kind.OPD: validate_opd_code, Village.Kind.KECAMATAN: validate_district_code}.get(
        kind, validate_village_code
    )
    try:
        validator(code)
    except Exception as error:
        raise ProvisioningError(f"Kode {noun} '{code}' tidak valid: {error.messages[0]}") from error
    regency = settings.VILLAGEWEB_REGENCY_CODE
    if kind != Village.Kind.OPD and regency and not code.startswith(regency + "."):
        raise ProvisioningError(
            f"Kode {noun} '{code}' bukan wilayah {settings.VILLAGEWEB_REGENCY_NAME} ({regency})."
        )
    if not name.strip():
        raise ProvisioningError(f"Nama {noun} tidak boleh kosong.")
    if kind in Village.VILLAGE_KINDS and not district_name.strip():
        raise ProvisioningError("Nama kecamatan tidak boleh kosong.")
    if Village.objects.filter(code=code).exists():
        prefix = "Desa" if noun == "desa" else "Situs"
        raise ProvisioningError(f"{prefix} dengan kode {code} sudah ada.")
    if schema_exists(schema_name_for_code(code)):
        raise ProvisioningError(f"Skema untuk kode {code} sudah ada di basis data.")
    base = settings.VILLAGEWEB_BASE_DOMAIN
    if subdomain is not None:
        problem = subdomains.subdomain_problem(subdomain)
        if problem:
            raise ProvisioningError(problem)
        if Domain.objects.filter(domain=f"{subdomain}.{base}").exists():
            raise ProvisioningError(f"Subdomain '{subdomain}' sudah dipakai situs lain.")
        return subdomain
    if kind == Village.Kind.OPD:  # OPD.DINKES -> dinkes
        candidates = (code[4:].lower(), subdomains.subdomain_from_name(name))
    elif kind == Village.Kind.KECAMATAN:  # never the name alone: most kecamatan share it with a desa
        candidates = (subdomains.subdomain_from_name(f"kecamatan {name}"),)
    else:
        candidates = (
            subdomains.subdomain_from_name(name),
            subdomains.subdomain_with_district(name, district_name),
        )
    for candidate in candidates:
        if (
            subdomains.subdomain_problem(candidate) is None
            and not Domain.objects.filter(domain=f"{candidate}.{base}").exists()
        ):
            return candidate
    raise ProvisioningError(
        f"Tidak dapat menurunkan subdomain yang bebas dari nama '{name}': gunakan --subdomain."
    )
